"""Writes of the domain. Plain, keyword-only functions; each one is a transaction."""

from collaborations.services.footprints import (
    arrangement_footprint_schedule,
    arrangement_footprints_recompute,
    arrangement_geometry_refresh,
    boundaries_clean_coverage,
    boundaries_clean_coverage_rebuild,
)
from collaborations.services.lineage import lineage_rebuild
from collaborations.services.memberships import membership_add, membership_end, membership_remove
from collaborations.services.themes import themes_seed
from collaborations.services.tiles import tile_geometry_rebuild
from collaborations.services.versioning import data_version_bump

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
