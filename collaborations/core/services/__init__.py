"""Writes of the shared kernel: the data version and the outbox."""
