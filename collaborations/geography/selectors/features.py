"""Municipalities and provinces as features for data exchange (OGC API Features): filtered
querysets annotated with ``fid`` and the public (Dutch) properties; paged and encoded by
:mod:`collaborations.core.features`."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.gis.geos import GEOSGeometry
from django.db.models import F, Min, QuerySet

from collaborations.geography.models import MunicipalityBoundary, Province
from collaborations.geography.selectors.validity import boundaries_on

#: Property -> JSON Schema of each municipality feature (the order of the GeoJSON).
MUNICIPALITY_PROPERTIES = {
    "code": {"type": "string", "description": "CBS-code (GM + 4 cijfers; België: BE + NIS)"},
    "naam": {"type": "string"},
    "provincie": {"type": "string", "description": "Provinciecode (PV + 2 cijfers)"},
    "provincieNaam": {"type": "string"},
    "land": {"type": "string", "enum": ["nl", "be"]},
    "geldigVanaf": {"type": "string", "format": "date"},
    "geldigTot": {"type": "string", "format": "date"},
    "grensJaar": {"type": "integer", "description": "Jaar van de CBS-kaartlaag van de grens"},
}
PROVINCE_PROPERTIES = {"code": {"type": "string"}, "naam": {"type": "string"}}


def municipality_features(
    *,
    day: datetime.date,
    country: str | None = None,
    provinces: Sequence[str] = (),
    codes: Sequence[str] = (),
    area: GEOSGeometry | None = None,
) -> QuerySet[MunicipalityBoundary]:
    """The municipalities that existed on ``day`` with the boundary version in force then
    (geometry ``geom``), by code; of ``country``, in ``provinces``, with these ``codes``,
    intersecting ``area`` (any CRS: PostGIS transforms it) when given."""
    queryset = boundaries_on(day=day)
    if country:
        queryset = queryset.filter(municipality__country=country)
    if provinces:
        queryset = queryset.filter(municipality__province__code__in=list(provinces))
    if codes:
        queryset = queryset.filter(municipality__code__in=list(codes))
    if area is not None:
        queryset = queryset.filter(geom__intersects=area)
    return queryset.annotate(
        fid=F("municipality__code"),
        code=F("municipality__code"),
        naam=F("municipality__name"),
        provincie=F("municipality__province__code"),
        provincieNaam=F("municipality__province__name"),
        land=F("municipality__country"),
        geldigVanaf=F("municipality__valid_from"),
        geldigTot=F("municipality__valid_to"),
        grensJaar=F("year"),
    ).order_by("municipality__code")


def municipality_first_day() -> datetime.date | None:
    """The first day of the oldest boundary version (the start of the temporal extent)."""
    return MunicipalityBoundary.objects.aggregate(first=Min("valid_from"))["first"]


def province_features(*, area: GEOSGeometry | None = None) -> QuerySet[Province]:
    """The provinces with a boundary, by code (geometry ``geom``)."""
    queryset = Province.objects.filter(geom__isnull=False)
    if area is not None:
        queryset = queryset.filter(geom__intersects=area)
    return queryset.annotate(fid=F("code"), naam=F("name")).order_by("code")
