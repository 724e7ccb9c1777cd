"""Small PostGIS functions for the ORM (one place for all of them)."""

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import GeoFunc


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
