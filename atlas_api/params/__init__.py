"""Parameters of the API, each declared once (see :mod:`.core`)."""

from .common import (
    CRS_NAMES,
    GEOMETRY,
    MAX_ID,
    PAGE,
    format_parameter,
    page_parameters,
    path_code,
    path_id,
)
from .core import HEADER, PATH, QUERY, InvalidParams, Param, parse
from .filters import (
    ARRANGEMENT_FILTERS,
    BOOLEAN,
    CODE_GM,
    CODE_PV,
    DATE,
    PEILDATUM,
    SLUG,
    arrangement_filter,
    choice,
    listing,
    slugs,
)

__all__ = [
    "ARRANGEMENT_FILTERS",
    "BOOLEAN",
    "CODE_GM",
    "CODE_PV",
    "CRS_NAMES",
    "DATE",
    "GEOMETRY",
    "HEADER",
    "MAX_ID",
    "PAGE",
    "PATH",
    "PEILDATUM",
    "QUERY",
    "SLUG",
    "InvalidParams",
    "Param",
    "arrangement_filter",
    "choice",
    "format_parameter",
    "listing",
    "page_parameters",
    "parse",
    "path_code",
    "path_id",
    "slugs",
]
