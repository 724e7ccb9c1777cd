"""Small PostGIS functions for the ORM (one place for all of them)."""

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import GeoFunc
from django.db.models import Func

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
