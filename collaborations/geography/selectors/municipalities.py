"""Municipalities and provinces for pages and the API: one municipality with its shape, the
boundary in force on a day, the provinces."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import OuterRef, Subquery, TextField

from collaborations.core.functions import map_geojson
from collaborations.geography.models import Municipality, MunicipalityBoundary, Province
from collaborations.geography.selectors.validity import valid_on


def municipality_detail(*, code: str) -> Municipality | None:
    """The municipality with its province, and ``shape``: its boundary as map GeoJSON."""
    return (
        Municipality.objects.select_related("province")
        .defer("geom")
        .annotate(shape=map_geojson("geom"))
        .filter(code=code)
        .first()
    )


def province_names() -> list[tuple[str, str]]:
    """(code, name) of every province, by name."""
    return list(Province.objects.order_by("name").values_list("code", "name"))


def municipality_ids(*, codes) -> dict[str, int]:
    """{code: id} of the municipalities with these CBS codes (unknown codes are left out)."""
    return dict(Municipality.objects.filter(code__in=list(codes)).values_list("code", "pk"))


def municipality_get(*, code: str, geometry: Any = None) -> Municipality | None:
    """The municipality with its province (both boundaries deferred), and ``_geometry`` when a
    geometry expression on ``geom`` is given."""
    queryset = Municipality.objects.select_related("province").defer("geom", "province__geom")
    if geometry is not None:
        queryset = queryset.annotate(_geometry=geometry)
    return queryset.filter(code=code).first()


def boundary_on(*, day: datetime.date, geometry) -> Subquery:
    """A subquery for a queryset of municipalities: ``geometry`` (an expression on ``geom``) of
    the boundary version each one had on ``day``."""
    boundary = MunicipalityBoundary.objects.filter(
        valid_on(day), municipality_id=OuterRef("pk")
    ).annotate(g=geometry)
    return Subquery(boundary.values("g")[:1], output_field=TextField())


def province_rows(*, code: str | None = None, **values: Any) -> list[dict[str, Any]]:
    """``code`` and ``values`` (field paths or expressions) of every province, by code, or of
    the one with ``code``."""
    queryset = Province.objects.order_by("code")
    if code is not None:
        queryset = queryset.filter(code=code)
    return list(queryset.values("code", **values))


def current_municipality_codes(*, province_code: str) -> list[str]:
    """Codes of the province's municipalities that exist today, by name."""
    return list(
        Municipality.objects.filter(province__code=province_code, valid_to__isnull=True)
        .order_by("name")
        .values_list("code", flat=True)
    )
