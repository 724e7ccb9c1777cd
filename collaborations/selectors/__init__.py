"""Reads of the domain. Plain, keyword-only functions returning querysets or plain data."""

from .arrangements import ArrangementFilter, arrangements_filter
from .geography import (
    boundaries_on,
    municipalities_on,
    represented_municipality_pairs,
    valid_on,
)
from .versioning import data_version

__all__ = [
    "ArrangementFilter",
    "arrangements_filter",
    "boundaries_on",
    "data_version",
    "municipalities_on",
    "represented_municipality_pairs",
    "valid_on",
]
