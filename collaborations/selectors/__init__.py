"""Reads of the domain. Plain, keyword-only functions returning querysets or plain data."""

from collaborations.selectors.arrangements import ArrangementFilter, arrangements_filter
from collaborations.selectors.geography import (
    boundaries_on,
    municipalities_on,
    represented_municipality_pairs,
    valid_on,
)
from collaborations.selectors.versioning import data_version

__all__ = [
    "ArrangementFilter",
    "arrangements_filter",
    "boundaries_on",
    "data_version",
    "municipalities_on",
    "represented_municipality_pairs",
    "valid_on",
]
