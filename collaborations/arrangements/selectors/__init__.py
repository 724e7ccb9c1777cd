"""Reads of arrangements."""
