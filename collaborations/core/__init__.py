"""The shared kernel of the domain: choices, the data version, the outbox of background jobs, PostGIS functions."""
