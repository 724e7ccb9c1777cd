"""Lookups of the registration form: search-as-you-type for members and partners, what a
typed member name means, and the footprint preview of chosen municipalities."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.gis.db.models import Union
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from collaborations.arrangements.models import Organisation
from collaborations.core.functions import map_geojson
from collaborations.geography.models import Municipality, Province
from collaborations.geography.selectors.validity import today, valid_on
from collaborations.registration.state import member_sort_key

CODE = re.compile(r"\b(GM[0-9]{4}|PV[0-9]{2})\b", re.IGNORECASE)


# --- lookups of the form ------------------------------------------------------------------------
def member_search(*, text: str, day: datetime.date | None = None, limit: int = 10) -> list[dict]:
    """Municipalities (valid on ``day``, default today, plus former ones at the end) and
    provinces whose name or code matches ``text``; for search-as-you-type. Two queries."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    day = day or today()
    municipalities = (
        Municipality.objects.filter(Q(name__icontains=text) | Q(code__istartswith=text))
        .annotate(current=Coalesce("valid_to", Value(datetime.date.max)))
        .order_by("-current", "name")
        .values("code", "name", "valid_from", "valid_to")[:limit]
    )
    result = [
        {
            "soort": "gemeente",
            "code": row["code"],
            "naam": row["name"],
            "geldigVanaf": row["valid_from"],
            "geldigTot": row["valid_to"],
            "label": _municipality_label(row, day),
        }
        for row in municipalities
    ]
    provinces = Province.objects.filter(Q(name__icontains=text) | Q(code__iexact=text)).values(
        "code", "name"
    )[:3]
    result += [
        {
            "soort": "provincie",
            "code": row["code"],
            "naam": row["name"],
            "label": f"Provincie {row['name']} ({row['code']})",
        }
        for row in provinces
    ]
    return result


def _municipality_label(row: dict, day: datetime.date) -> str:
    label = f"{row['name']} ({row['code']})"
    if row["valid_to"] and row["valid_to"] <= day:
        label += f", opgeheven per {row['valid_to']:%d-%m-%Y}"
    return label


def organisation_search(*, text: str, limit: int = 10) -> list[dict]:
    text = (text or "").strip()
    if len(text) < 2:
        return []
    rows = Organisation.objects.filter(name__icontains=text).values(
        "pk", "name", "kind", "kvk_number"
    )[:limit]
    return [
        {"id": r["pk"], "naam": r["name"], "soort": r["kind"], "kvkNummer": r["kvk_number"]}
        for r in rows
    ]


def members_resolve(*, texts: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """What each typed member text ("Utrecht", "GM0344", "Utrecht (GM0344)", "PV26") may mean:
    {text: [{"kind", "code", "name", "valid_from", "valid_to"}]}. Two queries for all texts."""
    texts = [t.strip() for t in texts if t and t.strip()]
    codes = {t: CODE.search(t).group(1).upper() for t in texts if CODE.search(t)}
    names = {t.casefold() for t in texts if t not in codes}
    names |= {n.removeprefix("provincie ") for n in names}
    municipalities = Municipality.objects.filter(
        Q(code__in=[c for c in codes.values() if c.startswith("GM")])
        | Q(name__iregex=_names(names))
    ).values("code", "name", "valid_from", "valid_to")
    provinces = Province.objects.filter(
        Q(code__in=[c for c in codes.values() if c.startswith("PV")])
        | Q(name__iregex=_names(names))
    ).values("code", "name")
    candidates = [{"kind": "municipality", **m} for m in municipalities]
    candidates += [
        {"kind": "province", **p, "valid_from": None, "valid_to": None} for p in provinces
    ]
    result: dict[str, list[dict[str, Any]]] = {}
    for text in texts:
        if text in codes:
            result[text] = [c for c in candidates if c["code"] == codes[text]]
            continue
        wanted = text.casefold()
        result[text] = [
            c
            for c in candidates
            if c["name"].casefold() in (wanted, wanted.removeprefix("provincie "))
        ]
        result[text].sort(key=lambda c: (c["kind"] != "municipality", c["valid_to"] is not None))
    return result


def _names(names: set[str]) -> str:
    if not names:
        return r"^\b$"  # matches nothing
    return "^(" + "|".join(re.escape(n) for n in sorted(names)) + ")$"


def footprint_preview(*, codes: Sequence[str], day: datetime.date | None = None) -> dict:
    """The union of the (latest) boundaries of the given municipalities, simplified, as a
    GeoJSON Feature for the live map preview of the form. Two queries."""
    codes = sorted({c for c in codes if re.fullmatch(r"GM[0-9]{4}", c)})[:200]
    queryset = Municipality.objects.filter(code__in=codes, geom__isnull=False)
    if day is not None:
        queryset = queryset.filter(valid_on(day))
    found = list(queryset.values_list("code", flat=True))
    geometry = None
    if found:
        text = queryset.aggregate(g=map_geojson(Union("geom")))["g"]
        geometry = json.loads(text) if text else None
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"gemeenten": found, "ontbrekend": sorted(set(codes) - set(found))},
    }


def member_sort(members: list[dict]) -> list[dict]:
    return sorted(members, key=member_sort_key)
