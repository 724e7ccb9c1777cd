"""Writes of the geography: the lineage and the clean coverage of boundary layers."""
