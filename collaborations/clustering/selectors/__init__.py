"""Reads of clustering runs and of the cooperation network they cluster."""
