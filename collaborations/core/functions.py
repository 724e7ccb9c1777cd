"""Small PostGIS functions for the ORM (one place for all of them)."""

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import AsGeoJSON, GeoFunc, Transform
from django.db.models import F, Func, Value

#: Vector tiles and their pre-simplified geometry are in Web Mercator.
TILE_SRID = 3857


class SimplifyPreserveTopology(GeoFunc):
    """ST_SimplifyPreserveTopology(geom, tolerance)."""

    function = "ST_SimplifyPreserveTopology"
    output_field = GeometryField()


class Multi(GeoFunc):
    """ST_Multi(geom): a single polygon stays a MultiPolygon (simplification may unwrap)."""

    function = "ST_Multi"
    output_field = GeometryField()


class PointOnSurface(GeoFunc):
    """ST_PointOnSurface(geom): a point guaranteed inside the geometry."""

    function = "ST_PointOnSurface"
    output_field = GeometryField()


class TileEnvelope(Func):
    """ST_TileEnvelope(z, x, y): the tile's square in Web Mercator."""

    function = "ST_TileEnvelope"
    arity = 3
    output_field = GeometryField(srid=TILE_SRID)


class AsMVTGeom(Func):
    """ST_AsMVTGeom(geom, bounds, extent, buffer, clip): geometry in tile coordinates."""

    function = "ST_AsMVTGeom"
    arity = 5
    output_field = GeometryField(srid=0)


# --- the map-geometry policy: how geometry leaves the database for a map or a download ------
#: Simplification of "map" detail: about 35-55 m in the Netherlands, enough for a map of a
#: province or a small map of one municipality.
MAP_TOLERANCE_DEGREES = 0.0005
#: Decimals of GeoJSON coordinates: (map detail, full detail) per SRID. 5 decimals in degrees
#: is about 1 m; RD New is in metres.
PRECISION = {4326: (5, 7), 4258: (5, 7), 28992: (0, 2)}


def map_geojson(field, *, detail: str = "map", srid: int = 4326):
    """GeoJSON text of ``field`` (a field name or a geometry expression) made by PostGIS, the
    one policy for maps and downloads:
    ``detail="map"`` simplifies (topology preserved, still a MultiPolygon) and rounds;
    ``"full"`` keeps every vertex. ``srid`` other than the storage SRID is transformed."""
    if detail not in ("map", "full"):
        raise ValueError(f"unknown detail {detail!r}")
    expression = F(field) if isinstance(field, str) else field
    if detail == "map":
        expression = Multi(SimplifyPreserveTopology(expression, Value(MAP_TOLERANCE_DEGREES)))
    if srid != 4326:
        expression = Transform(expression, srid)
    return AsGeoJSON(expression, precision=PRECISION[srid][detail == "full"])


class FlipCoordinates(GeoFunc):
    """ST_FlipCoordinates(geom): x and y swapped (for CRSs whose first axis is latitude)."""

    function = "ST_FlipCoordinates"
    output_field = GeometryField()


#: CRSs whose axis order is latitude, longitude (EPSG:4258; OGC API Features Part 2 honours
#: the CRS's own axis order). Storage and CRS84 are longitude, latitude.
LATITUDE_FIRST = frozenset({4258})
#: Decimals of exchange-quality GeoJSON (OGC API): about 1 cm in degrees, 1 mm in RD New.
EXCHANGE_PRECISION = {4326: 7, 4258: 7, 28992: 3}


def exchange_geojson(field, *, srid: int = 4326):
    """GeoJSON text of ``field`` at full detail for data exchange (OGC API Features): every
    vertex, transformed to ``srid`` in the database, axis order of that CRS, rounded to
    :data:`EXCHANGE_PRECISION`."""
    expression = F(field) if isinstance(field, str) else field
    if srid != 4326:
        expression = Transform(expression, srid)
    if srid in LATITUDE_FIRST:
        expression = FlipCoordinates(expression)
    return AsGeoJSON(expression, precision=EXCHANGE_PRECISION[srid])


class MakeEnvelope(Func):
    """ST_MakeEnvelope(xmin, ymin, xmax, ymax, srid): a rectangle in ``srid``."""

    function = "ST_MakeEnvelope"
    arity = 5
    output_field = GeometryField()
