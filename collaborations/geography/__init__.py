"""Municipalities, provinces, boundary versions and herindelingen (the lineage)."""
