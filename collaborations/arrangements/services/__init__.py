"""Writes of arrangements: memberships, themes, footprints."""
