"""Official divisions (indelingen), their versions and regions; a division as a partition of
the municipalities on a day; the history of a region's members and of a municipality's regions."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from typing import Any

from django.db.models import (
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.lists import member_count
from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.core.choices import Country, PublicationStatus
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.geography.models import MunicipalityLineage
from collaborations.geography.selectors.validity import today, valid_on


def _in_force(day: datetime.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": day})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": day})
    )


def _version_on(day: datetime.date) -> QuerySet[DivisionVersion]:
    """The version of the outer division in force on ``day`` (the latest one begun by then)."""
    return DivisionVersion.objects.filter(division=OuterRef("pk"), valid_from__lte=day).order_by(
        "-valid_from"
    )


def version_year_on(day: datetime.date, division: str = "arrangement__division") -> Subquery:
    """The year of the version in force on ``day`` of the division at ``division`` (a path from
    the outer row): a subquery to annotate with."""
    versions = DivisionVersion.objects.filter(division=OuterRef(division), valid_from__lte=day)
    return Subquery(versions.order_by("-valid_from").values("valid_from__year")[:1])


def division_list(
    *, day: datetime.date | None = None, country: str | None = Country.NL
) -> QuerySet[Division]:
    """The divisions (of ``country``; None: all), annotated with ``region_count`` (published
    regions in force on ``day``, default today), ``version_label`` and ``version_from`` (the
    version in force then) and ``version_count``."""
    day = day or today()
    regions = Q(regions__publication_status=PublicationStatus.PUBLISHED) & _in_force(
        day, "regions__"
    )
    versions = (
        DivisionVersion.objects.filter(division=OuterRef("pk"))
        .order_by()
        .values("division")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = Division.objects.select_related("source")
    if country:
        queryset = queryset.filter(country=country)
    return queryset.annotate(
        region_count=Count("regions", filter=regions),
        version_label=Subquery(_version_on(day).values("label")[:1]),
        version_from=Subquery(_version_on(day).values("valid_from")[:1], output_field=DateField()),
        version_count=Coalesce(Subquery(versions, output_field=IntegerField()), Value(0)),
    ).order_by("domain", "name")


def division_get(*, slug: str) -> Division | None:
    return Division.objects.filter(slug=slug).first()


def division_versions(*, division: Division) -> list[dict[str, Any]]:
    """Every version of ``division``, oldest first, with the counts of its report."""
    rows = DivisionVersion.objects.filter(division=division).values(
        "valid_from", "label", "report", bron=F("source__slug")
    )
    result = []
    for row in rows.order_by("valid_from"):
        report = row.pop("report") or {}
        result.append(
            {
                "versie": row["label"],
                "geldigVanaf": row["valid_from"],
                "bron": row["bron"],
                "regios": report.get("regios"),
                "voortgezet": len(report.get("voortgezet", [])),
                "nieuw": len(report.get("nieuw", [])),
                "beeindigd": len(report.get("beeindigd", [])),
                "verhuisd": report.get("verhuisd", []),
            }
        )
    return result


def division_regions(
    *, division: Division, day: datetime.date | None = None
) -> QuerySet[Arrangement]:
    """The published regions of ``division`` in force on ``day`` (default today), by name,
    annotated with ``member_count``."""
    f = dataclasses.replace(
        ArrangementFilter(),
        divisions=(division.slug,),
        day=day or today(),
        country=division.country,
    )
    return (
        arrangements_filter(filters=f)
        .defer("footprint")
        .annotate(member_count=member_count(day=f.on))
        .order_by("name", "id")
    )


def region_member_codes(
    *, region_ids: list[int], day: datetime.date | None = None
) -> dict[int, list[str]]:
    """{region id: sorted codes of the municipalities that represent its members on ``day``}.
    One query."""
    pairs = represented_municipality_pairs(day=day or today(), arrangement_ids=region_ids)
    codes: dict[int, list[str]] = defaultdict(list)
    for region_id, code in pairs.values_list("arrangement_id", "municipality__code"):
        codes[region_id].append(code)
    return {region_id: sorted(values) for region_id, values in codes.items()}


# --- a division as a partition -----------------------------------------------------------------
def _partition_rows(day: datetime.date, division_ids: list[int] | None):
    """(division id, region id, municipality id, share) for every municipality that represents a
    member of a published region in force on ``day``. One query."""
    lineage = "municipality__lineage_descendants__"
    memberships = Membership.objects.filter(
        valid_on(day),
        municipality__isnull=False,
        arrangement__division__isnull=False,
        arrangement__publication_status=PublicationStatus.PUBLISHED,
    ).filter(_in_force(day, "arrangement__"))
    if division_ids is not None:
        memberships = memberships.filter(arrangement__division_id__in=division_ids)
    return (
        memberships.filter(
            Q(**{f"{lineage}since__isnull": True}) | Q(**{f"{lineage}since__lte": day}),
            valid_on(day, prefix=f"{lineage}descendant__"),
        )
        .values_list("arrangement__division_id", "arrangement_id", f"{lineage}descendant_id")
        .annotate(share=Sum(f"{lineage}share"))
        .order_by()
    )


def division_partitions(
    *, day: datetime.date | None = None, division_ids: list[int] | None = None
) -> dict[int, dict[int, int]]:
    """{division id: {municipality id: region (arrangement) id}} of every division (or those of
    ``division_ids``) on ``day`` (default today): the regions in force that day, their
    memberships valid that day, mapped to the municipalities of that day through the lineage.
    A municipality in two regions of one division (2016 COROP) goes to the region holding the
    largest share of it, then the lowest id; municipalities in no region are absent. One query."""
    choices: dict[int, dict[int, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
    for division_id, region_id, municipality_id, share in _partition_rows(
        day or today(), division_ids
    ):
        choices[division_id][municipality_id].append((-float(share or 0), region_id))
    return {
        division_id: {m: min(options)[1] for m, options in per_municipality.items()}
        for division_id, per_municipality in choices.items()
    }


def division_partition(*, division: Division, day: datetime.date | None = None) -> dict[int, int]:
    """{municipality id: region (arrangement) id} of ``division`` on ``day`` (see
    :func:`division_partitions`)."""
    return division_partitions(day=day, division_ids=[division.pk]).get(division.pk, {})


# --- history ------------------------------------------------------------------------------------
def _later(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else (a if b is None else max(a, b))


def municipality_region_history(*, municipality_id: int) -> list[dict[str, Any]]:
    """Per division, the regions the municipality (or a predecessor it now represents) was in,
    each with from (inclusive) and to (exclusive, None: still), merged where they touch; by
    division name. Two queries."""
    lineage = MunicipalityLineage.objects.filter(descendant_id=municipality_id).values_list(
        "ancestor_id", "since"
    )
    since = dict(lineage)
    rows = (
        Membership.objects.filter(
            municipality_id__in=since,
            arrangement__division__isnull=False,
            arrangement__publication_status=PublicationStatus.PUBLISHED,
        )
        .order_by()
        .values_list(
            "municipality_id",
            "valid_from",
            "valid_to",
            "arrangement_id",
            "arrangement__name",
            "arrangement__region_code",
            "arrangement__slug",
            "arrangement__start_date",
            "arrangement__end_date",
            "arrangement__division__slug",
            "arrangement__division__name",
        )
    )
    periods: dict[tuple, list[list]] = defaultdict(list)
    names: dict[str, str] = {}
    for member, start, end, pk, name, code, slug, born, died, d_slug, d_name in rows:
        start = _later(_later(start, since[member]), born)
        end = end if died is None else (died if end is None else min(end, died))
        if start is not None and end is not None and end <= start:
            continue
        names[d_slug] = d_name
        periods[(d_slug, pk, name, code or None, slug)].append([start, end])
    return _grouped(periods, names)


def _merge(spans: list[list]) -> list[list]:
    spans.sort(key=lambda s: s[0] or datetime.date.min)
    merged: list[list] = []
    for start, end in spans:
        if merged and (merged[-1][1] is None or (start is not None and start <= merged[-1][1])):
            last = merged[-1]
            last[1] = None if last[1] is None or end is None else max(last[1], end)
        else:
            merged.append([start, end])
    return merged


def _grouped(periods: dict[tuple, list[list]], names: dict[str, str]) -> list[dict[str, Any]]:
    per_division: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (d_slug, pk, name, code, slug), spans in periods.items():
        for start, end in _merge(spans):
            per_division[d_slug].append(
                {
                    "id": pk,
                    "slug": slug,
                    "naam": name,
                    "regiocode": code,
                    "vanaf": start,
                    "tot": end,
                }
            )
    result = []
    for d_slug, regions in per_division.items():
        regions.sort(key=lambda r: (r["vanaf"] or datetime.date.min, r["naam"]))
        result.append({"indeling": d_slug, "indelingNaam": names[d_slug], "regios": regions})
    return sorted(result, key=lambda d: (d["indelingNaam"], d["indeling"]))
