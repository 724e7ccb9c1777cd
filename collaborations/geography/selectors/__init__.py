"""Reads of the geography."""
