"""One arrangement in full: its members as recorded, the municipalities that represent them on
a date, and its themes. A constant number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import F, QuerySet

from collaborations.arrangements.models import Arrangement, Membership, Theme
from collaborations.arrangements.selectors.represented import memberships_in_force
from collaborations.core.choices import PublicationStatus
from collaborations.core.functions import map_geojson

MEMBER_KIND_ORDER = {"gemeente": 0, "provincie": 1, "organisatie": 2}


def arrangements_visible(*, include_unpublished: bool = False) -> QuerySet[Arrangement]:
    """Every arrangement a reader may see: the published ones, or all of them for editors."""
    queryset = Arrangement.objects.all()
    if not include_unpublished:
        queryset = queryset.filter(publication_status=PublicationStatus.PUBLISHED)
    return queryset


def _is_valid(row: dict[str, Any], day: datetime.date) -> bool:
    starts, ends = row["valid_from"], row["valid_to"]
    return (starts is None or starts <= day) and (ends is None or ends > day)


def _member(row: dict[str, Any], day: datetime.date) -> dict[str, Any]:
    if row["municipality__code"]:
        kind, code, name = "gemeente", row["municipality__code"], row["municipality__name"]
    elif row["province__code"]:
        kind, code, name = "provincie", row["province__code"], row["province__name"]
    else:
        kind, code, name = "organisatie", None, row["organisation__name"]
    return {
        "soort": kind,
        "code": code,
        "naam": name,
        "organisatieSoort": row["organisation__kind"],
        "rol": row["role"],
        "lidVanaf": row["valid_from"],
        "lidTot": row["valid_to"],
        "naamInBron": row["name_as_recorded"] or None,
        "opPeildatum": _is_valid(row, day),
    }


def members_as_recorded(*, arrangement_id: int, day: datetime.date) -> list[dict[str, Any]]:
    """Every membership as recorded (also former ones), with whether it is valid on ``day``."""
    rows = Membership.objects.filter(arrangement_id=arrangement_id).values(
        "role",
        "valid_from",
        "valid_to",
        "name_as_recorded",
        "municipality__code",
        "municipality__name",
        "province__code",
        "province__name",
        "organisation__name",
        "organisation__kind",
    )
    members = [_member(row, day) for row in rows]
    members.sort(
        key=lambda m: (MEMBER_KIND_ORDER[m["soort"]], m["naam"] or "", m["lidVanaf"] or day)
    )
    return members


def members_on(*, arrangement_id: int, day: datetime.date) -> list[dict[str, Any]]:
    """The municipalities that represent the arrangement's municipal members on ``day``, each
    with the recorded members it stands for (``namens``) and the share of that member's area it
    holds (``aandeel``: 1 unless the member was split)."""
    rows = (
        memberships_in_force(day=day, arrangement_ids=[arrangement_id])
        .values(
            code=F("municipality__code"),
            naam=F("municipality__name"),
            provincie=F("municipality__province__code"),
            lid=F("member__code"),
            lidNaam=F("member__name"),
            aandeel=F("share"),
        )
        .distinct()
    )
    municipalities: dict[str, dict[str, Any]] = {}
    stands_for: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        municipalities[row["code"]] = {
            "code": row["code"],
            "naam": row["naam"],
            "provincie": row["provincie"],
        }
        stands_for[row["code"]].append(
            {"code": row["lid"], "naam": row["lidNaam"], "aandeel": row["aandeel"]}
        )
    result = []
    for code, municipality in sorted(municipalities.items(), key=lambda i: (i[1]["naam"], i[0])):
        municipality["namens"] = sorted(stands_for[code], key=lambda m: m["code"])
        result.append(municipality)
    return result


def arrangement_themes(*, arrangement_id: int) -> list[dict[str, Any]]:
    return list(
        Theme.objects.filter(arrangements=arrangement_id)
        .order_by("slug")
        .values("slug", naam=F("name"), domein=F("domain"))
    )


def arrangement_profile(
    *, arrangement_id: int, day: datetime.date, exists: bool = True
) -> dict[str, Any]:
    """Themes, members as recorded and members on ``day`` of one arrangement (three queries).
    When the arrangement itself does not exist on ``day`` (``exists``), nobody is a member then."""
    on_day = members_on(arrangement_id=arrangement_id, day=day) if exists else []
    members = members_as_recorded(arrangement_id=arrangement_id, day=day)
    if not exists:
        for member in members:
            member["opPeildatum"] = False
    return {
        "themas": arrangement_themes(arrangement_id=arrangement_id),
        "aantalLeden": len(on_day),
        "leden": members,
        "ledenOpPeildatum": on_day,
    }


def arrangement_get(*, pk: int, include_unpublished: bool = False) -> Arrangement | None:
    """One arrangement for a page or a form (its footprint deferred), or None."""
    return (
        arrangements_visible(include_unpublished=include_unpublished)
        .defer("footprint")
        .filter(pk=pk)
        .first()
    )


def arrangement_page_get(*, pk: int, include_unpublished: bool = False) -> Arrangement | None:
    """One arrangement with its division and source, and ``shape``: its footprint as map
    GeoJSON."""
    return (
        arrangements_visible(include_unpublished=include_unpublished)
        .select_related("division", "source")
        .defer("footprint")
        .annotate(shape=map_geojson("footprint"))
        .filter(pk=pk)
        .first()
    )


def arrangement_by_slug(*, slug: str, include_unpublished: bool = False) -> Arrangement | None:
    return (
        arrangements_visible(include_unpublished=include_unpublished)
        .only("pk", "slug")
        .filter(slug=slug)
        .first()
    )
