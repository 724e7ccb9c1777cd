"""Municipalities and provinces for pages: one municipality with its small-map shape, the
provinces by name."""

from __future__ import annotations

from collaborations.core.functions import map_geojson
from collaborations.geography.models import Municipality, Province


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
