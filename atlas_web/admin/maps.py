"""GeoJSON for the admin maps, built in PostGIS in one query (style rules 7 and 8).

Each feature is simplified (``ST_SimplifyPreserveTopology``), transformed to the API SRID and
written with limited coordinate precision by ``ST_AsGeoJSON``; ``jsonb_agg`` collects the
features, so Python receives one value and never touches a geometry object.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import Expression, F, JSONField, QuerySet, Value
from django.db.models.functions import Cast, JSONObject

from collaborations.core.functions import map_geojson


def map_geometry(field: str) -> Cast:
    """The GeoJSON geometry (as jsonb) of ``field``, ready for a map (core.functions.map_geojson)."""
    return Cast(map_geojson(field, srid=settings.API_SRID), output_field=JSONField())


def feature_collection(
    queryset: QuerySet,
    *,
    geometry: str,
    properties: dict[str, str | Expression],
    order_by: str | tuple[str, ...] = (),
) -> dict[str, Any]:
    """One GeoJSON FeatureCollection of ``queryset``, built by the database in one query.

    ``properties`` maps a property name to a field path or an expression. Rows without geometry
    become features with ``"geometry": null``, so the collection has one feature per row."""
    feature = JSONObject(
        type=Value("Feature"),
        id=F("pk"),
        geometry=map_geometry(geometry),
        properties=JSONObject(
            **{
                name: F(value) if isinstance(value, str) else value
                for name, value in properties.items()
            }
        ),
    )
    features = queryset.aggregate(features=JSONBAgg(feature, order_by=order_by))["features"]
    return {"type": "FeatureCollection", "features": features or []}


def municipalities_collection(queryset: QuerySet) -> dict[str, Any]:
    """The municipalities of ``queryset`` with code, name and province name, by name."""
    return feature_collection(
        queryset,
        geometry="geom",
        properties={"code": "code", "name": "name", "province": "province__name"},
        order_by=("name", "code"),
    )


def footprint_collection(queryset: QuerySet) -> dict[str, Any]:
    """The footprints of the arrangements of ``queryset``."""
    return feature_collection(
        queryset.filter(footprint__isnull=False),
        geometry="footprint",
        properties={"name": "name"},
        order_by="name",
    )
