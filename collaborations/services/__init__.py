"""Writes of the domain. Plain, keyword-only functions; each one is a transaction."""

from .footprints import (
    arrangement_footprint_schedule,
    arrangement_footprints_recompute,
    arrangement_geometry_refresh,
    boundaries_clean_coverage,
    boundaries_clean_coverage_rebuild,
)
from .lineage import lineage_rebuild
from .memberships import membership_add, membership_end, membership_remove
from .themes import themes_seed
from .tiles import tile_geometry_rebuild
from .versioning import data_version_bump

__all__ = [
    "arrangement_footprint_schedule",
    "arrangement_footprints_recompute",
    "arrangement_geometry_refresh",
    "boundaries_clean_coverage",
    "boundaries_clean_coverage_rebuild",
    "data_version_bump",
    "lineage_rebuild",
    "membership_add",
    "membership_end",
    "membership_remove",
    "themes_seed",
    "tile_geometry_rebuild",
]
