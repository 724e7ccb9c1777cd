"""Parameters of OGC API Tiles (names fixed by the standard), declared once."""

from __future__ import annotations

from collaborations.tiles.choices import MAX_ZOOM
from collaborations.tiles.selectors import RD_MAX_LEVEL

from ..params import PATH, Param, choice

WEB_MERCATOR = "WebMercatorQuad"
RD = "NetherlandsRDNewQuad"
TILE_MATRIX_SETS = (WEB_MERCATOR, RD)
MAX_LEVEL = max(MAX_ZOOM, RD_MAX_LEVEL)

TMS_ID = Param(
    "tileMatrixSetId",
    choice(TILE_MATRIX_SETS),
    "Het tegelschema: `WebMercatorQuad` (EPSG:3857) of `NetherlandsRDNewQuad` (EPSG:28992).",
    location=PATH,
    error_status=404,
)


def _number(name: str, maximum: int, description: str) -> Param:
    schema = {"type": "integer", "minimum": 0, "maximum": maximum}
    return Param(name, schema, description, location=PATH, error_status=404)


TILE_PATH = (
    TMS_ID,
    _number("tileMatrix", MAX_LEVEL, "Niveau (zoom) in het tegelschema."),
    _number("tileRow", 2**MAX_LEVEL - 1, "Rij, 0 in het noorden."),
    _number("tileCol", 2**MAX_LEVEL - 1, "Kolom, 0 in het westen."),
)
