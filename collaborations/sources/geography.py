"""Geography importers: provinces, municipalities (validity and boundary versions),
reorganisations (herindelingen) and the veiligheidsregio's.

Each loader is a plain function that runs in one transaction, is idempotent (upsert on the
CBS codes; a second load reports 0 created and 0 updated) and returns an ImportReport. Errors
raise ImportError_ naming the file and row. The files are described in shared/data/README.md
(sections 1 and 5); the modules ``geo_*`` hold the parts."""

from collaborations.sources.geo_common import MissingSourceError
from collaborations.sources.geo_municipalities import (
    boundary_versions,
    load_municipalities,
    load_provinces,
)
from collaborations.sources.geo_reorganisations import descendants_today, load_reorganisations
from collaborations.sources.geo_veiligheidsregios import load_veiligheidsregios

__all__ = [
    "MissingSourceError",
    "boundary_versions",
    "descendants_today",
    "load_municipalities",
    "load_provinces",
    "load_reorganisations",
    "load_veiligheidsregios",
]
