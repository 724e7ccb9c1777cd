"""Reads of the domain. Plain, keyword-only functions returning querysets or plain data."""

from .geography import (
    boundaries_on,
    municipalities_on,
    represented_municipality_pairs,
    valid_on,
)

__all__ = [
    "boundaries_on",
    "municipalities_on",
    "represented_municipality_pairs",
    "valid_on",
]
