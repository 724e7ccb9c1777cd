"""The collections of the OGC API: gemeenten, provincies, samenwerkingsverbanden, one
collection of regions per division (``indeling-<slug>``) and the clusters of the default BRE
run. Each knows its properties (JSON Schema), its filters (query parameters), how to select
its features (a selector of its sub-domain) and its vector-tile layer. Ids have no dots (QGIS
cannot handle them)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.db.models import QuerySet

from collaborations.arrangements.selectors.features import (
    ARRANGEMENT_PROPERTIES,
    arrangement_features,
)
from collaborations.clustering.selectors.features import CLUSTER_PROPERTIES, cluster_features
from collaborations.core.choices import Country
from collaborations.divisions.selectors import division_get, division_list
from collaborations.geography.selectors.features import (
    MUNICIPALITY_PROPERTIES,
    PROVINCE_PROPERTIES,
    municipality_features,
    municipality_versions,
    province_features,
)
from collaborations.geography.selectors.validity import today
from collaborations.tiles.choices import TileLayer

from ..params import Param, arrangement_filter
from .crs import latitude_first
from .params import ARRANGEMENT_QUERY, MUNICIPALITY_QUERY, REGION_QUERY, Interval

DIVISION_PREFIX = "indeling-"
Select = Callable[[Mapping[str, Any], GEOSGeometry | None], QuerySet]


@dataclasses.dataclass(frozen=True)
class CollectionSpec:
    id: str
    title: str
    description: str
    properties: Mapping[str, Mapping[str, Any]]
    filters: tuple[Param, ...]
    select: Select  # (parsed parameters, area or None) -> annotated queryset
    geometry: str  # the geometry field or annotation of the queryset
    temporal: bool  # whether ``datetime`` changes the features
    tile_layer: str | None = None  # TileLayer of its vector tiles (None: no tiles)
    #: extra filters of its tiles (e.g. the division of a region collection)
    tile_filters: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    first_day: datetime.date | None = None


def bbox_area(bbox: tuple[float, float, float, float], srid: int) -> Polygon:
    """The ``bbox`` (in the axis order of ``srid``) as a polygon PostGIS can transform."""
    x0, y0, x1, y1 = bbox
    if latitude_first(srid):
        x0, y0, x1, y1 = y0, x0, y1, x1
    area = Polygon.from_bbox((x0, y0, x1, y1))
    area.srid = srid
    return area


def peildatum(value: datetime.date | Interval | None) -> datetime.date:
    """The day of a parsed ``datetime``: the instant, the last day of an interval (an open
    end: today), or today."""
    if isinstance(value, Interval):
        return value.last_day(today())
    return value or today()


def _day(params: Mapping[str, Any]) -> datetime.date:
    return peildatum(params.get("day"))


def _municipalities(params: Mapping[str, Any], area: GEOSGeometry | None) -> QuerySet:
    period = params.get("day")
    if isinstance(period, Interval):
        return municipality_versions(
            start=period.start,
            end=period.end,
            country=params.get("country"),
            provinces=params.get("provinces", ()),
            area=area,
        )
    return municipality_features(
        day=_day(params),
        country=params.get("country"),
        provinces=params.get("provinces", ()),
        area=area,
    )


def _provinces(params: Mapping[str, Any], area: GEOSGeometry | None) -> QuerySet:
    return province_features(area=area)


def _filter(values: Mapping[str, Any]):
    """The shared filters of the parsed parameters. ``bbox`` is not one of them here: the OGC
    ``bbox`` is in ``bbox-crs`` and reaches the selector as ``area`` (transformed by
    PostGIS); read as the REST API's CRS84 bbox it would select nothing in RD New."""
    return arrangement_filter(values, leave_out=("bbox",))


def _arrangements(params: Mapping[str, Any], area: GEOSGeometry | None) -> QuerySet:
    values = {**params, "day": _day(params)} if "day" in params else params
    return arrangement_features(filters=_filter(values), area=area)


def _clusters(params: Mapping[str, Any], area: GEOSGeometry | None) -> QuerySet:
    return cluster_features(area=area)


def _regions_of(slug: str, country: str) -> Select:
    def select(params: Mapping[str, Any], area: GEOSGeometry | None) -> QuerySet:
        values = {**params, "divisions": (slug,), "country": country}
        if "day" in params:
            values["day"] = _day(params)
        return arrangement_features(filters=_filter(values), area=area)

    return select


STATIC = (
    CollectionSpec(
        id="gemeenten",
        title="Gemeenten",
        description=(
            "De gemeenten op de peildatum (standaard vandaag) met de grens die toen gold "
            "(CBS Gebiedsindelingen via PDOK, CC BY 4.0)."
        ),
        properties=MUNICIPALITY_PROPERTIES,
        filters=MUNICIPALITY_QUERY,
        select=_municipalities,
        geometry="geom",
        temporal=True,
        tile_layer=TileLayer.GEMEENTE,
    ),
    CollectionSpec(
        id="provincies",
        title="Provincies",
        description="De twaalf provincies (afgeleid van de CBS-gemeentegrenzen).",
        properties=PROVINCE_PROPERTIES,
        filters=(),
        select=_provinces,
        geometry="geom",
        temporal=False,
        tile_layer=TileLayer.PROVINCIE,
    ),
    CollectionSpec(
        id="samenwerkingsverbanden",
        title="Samenwerkingsverbanden",
        description=(
            "Samenwerkingsverbanden en regio's van indelingen met hun gebied op de "
            "peildatum: de vereniging van de gemeenten die hun leden dan vertegenwoordigen."
        ),
        properties=ARRANGEMENT_PROPERTIES,
        filters=ARRANGEMENT_QUERY,
        select=_arrangements,
        geometry="gebied",
        temporal=True,
        tile_layer=TileLayer.SAMENWERKINGSVERBAND,
    ),
    CollectionSpec(
        id="bre-clusters",
        title="BRE-clusters",
        description=(
            "De bestuurlijke regionale ecosystemen (BRE) van de standaardanalyse: clusters "
            "van gemeenten die veel samenwerken, met hun gebied."
        ),
        properties=CLUSTER_PROPERTIES,
        filters=(),
        select=_clusters,
        geometry="geom",
        temporal=False,
    ),
)
_STATIC = {spec.id: spec for spec in STATIC}


def _division_spec(division: Any) -> CollectionSpec:
    version = getattr(division, "version_label", None)
    description = f"Regio's van de indeling {division.name} op de peildatum (standaard vandaag)."
    if version:
        description += f" Versie van vandaag: {version}."
    return CollectionSpec(
        id=DIVISION_PREFIX + division.slug,
        title=division.name,
        description=description,
        properties=ARRANGEMENT_PROPERTIES,
        filters=REGION_QUERY,
        select=_regions_of(division.slug, division.country),
        geometry="gebied",
        temporal=True,
        tile_layer=TileLayer.SAMENWERKINGSVERBAND,
        tile_filters={"divisions": (division.slug,), "country": division.country},
        first_day=getattr(division, "first_version", None),
    )


def collection_specs() -> list[CollectionSpec]:
    """Every collection: the fixed ones, then one per division with regions today (two
    queries)."""
    divisions = [d for d in division_list(country=None) if d.region_count]
    order = {Country.NL: 0}
    divisions.sort(key=lambda d: (order.get(d.country, 1), d.name))
    return [*STATIC[:3], *(_division_spec(d) for d in divisions), STATIC[3]]


def collection_spec(collection_id: str) -> CollectionSpec | None:
    """The collection ``collection_id``, or None (one query for a division)."""
    if collection_id in _STATIC:
        return _STATIC[collection_id]
    if collection_id.startswith(DIVISION_PREFIX):
        division = division_get(slug=collection_id.removeprefix(DIVISION_PREFIX))
        if division is not None:
            return _division_spec(division)
    return None
