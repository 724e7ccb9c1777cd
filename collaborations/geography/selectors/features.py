"""Municipalities and provinces as features for data exchange (OGC API Features): filtered
querysets annotated with ``fid`` and the public (Dutch) properties; paged and encoded by
:mod:`collaborations.core.features`."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.gis.db import models
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import Count, F, Min, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, Greatest, Least

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


def _overlaps(start: datetime.date | None, end: datetime.date | None, prefix: str = "") -> Q:
    """Validity ``[valid_from, valid_to)`` overlaps the closed interval ``[start, end]`` (None:
    open)."""
    condition = Q()
    if end is not None:
        condition &= Q(**{f"{prefix}valid_from__isnull": True}) | Q(
            **{f"{prefix}valid_from__lte": end}
        )
    if start is not None:
        condition &= Q(**{f"{prefix}valid_to__isnull": True}) | Q(
            **{f"{prefix}valid_to__gt": start}
        )
    return condition


def municipality_versions(
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    country: str | None = None,
    provinces: Sequence[str] = (),
    area: GEOSGeometry | None = None,
) -> QuerySet[MunicipalityBoundary]:
    """Every version of a municipality in force at some day of ``[start, end]`` (None: open):
    a boundary version while its municipality existed. Id ``<code>-<year of the layer>``;
    ``geldigVanaf``/``geldigTot`` are the period of the version (the later start and the
    earlier end of the boundary's and the municipality's validity). By code, then time."""
    queryset = MunicipalityBoundary.objects.filter(
        _overlaps(start, end), _overlaps(start, end, "municipality__")
    )
    if country:
        queryset = queryset.filter(municipality__country=country)
    if provinces:
        queryset = queryset.filter(municipality__province__code__in=list(provinces))
    if area is not None:
        queryset = queryset.filter(geom__intersects=area)
    valid_from = Greatest("valid_from", "municipality__valid_from")
    valid_to = Least("valid_to", "municipality__valid_to")
    # the version's own period (the intersection of the two) must overlap the interval too
    queryset = queryset.annotate(_from=valid_from, _to=valid_to).filter(
        Q(_to__isnull=True) | Q(_from__isnull=True) | Q(_to__gt=F("_from"))
    )
    if end is not None:
        queryset = queryset.filter(Q(_from__isnull=True) | Q(_from__lte=end))
    if start is not None:
        queryset = queryset.filter(Q(_to__isnull=True) | Q(_to__gt=start))
    return queryset.annotate(
        fid=Concat(
            "municipality__code",
            Value("-"),
            Cast("year", output_field=models.CharField()),
            output_field=models.CharField(),
        ),
        code=F("municipality__code"),
        naam=F("municipality__name"),
        provincie=F("municipality__province__code"),
        provincieNaam=F("municipality__province__name"),
        land=F("municipality__country"),
        geldigVanaf=F("_from"),
        geldigTot=F("_to"),
        grensJaar=F("year"),
    ).order_by("municipality__code", "year")


def municipality_first_day() -> datetime.date | None:
    """The first day of the oldest version (the start of the temporal extent); None when a
    version has no start (neither the boundary nor its municipality: valid since ever)."""
    first = MunicipalityBoundary.objects.aggregate(
        first=Min(Greatest("valid_from", "municipality__valid_from")),
        open=Count("pk", filter=Q(valid_from__isnull=True, municipality__valid_from__isnull=True)),
    )
    return None if first["open"] else first["first"]


def province_features(*, area: GEOSGeometry | None = None) -> QuerySet[Province]:
    """The provinces with a boundary, by code (geometry ``geom``)."""
    queryset = Province.objects.filter(geom__isnull=False)
    if area is not None:
        queryset = queryset.filter(geom__intersects=area)
    return queryset.annotate(fid=F("code"), naam=F("name")).order_by("code")
