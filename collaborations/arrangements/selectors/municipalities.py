"""Selectors for municipalities: lists with arrangement counts, and one municipality's profile."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib.gis.geos import Polygon
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.network import memberships_represented, partners_of
from collaborations.arrangements.selectors.represented import memberships_in_force
from collaborations.core.choices import Country, DivisionKind
from collaborations.core.compiled import compiled_query, compiled_rows
from collaborations.geography.models import Municipality, MunicipalityLineage
from collaborations.geography.selectors.validity import today, valid_on

SAMENWERKING = DivisionKind.SAMENWERKING.value


def municipality_list(
    *,
    day: datetime.date | None = None,
    provinces: tuple[str, ...] = (),
    text: str = "",
    bbox: tuple[float, float, float, float] | None = None,
    country: str | None = Country.NL,
) -> QuerySet[Municipality]:
    """The municipalities of ``day`` (default today) in ``country`` (None: all), by name."""
    queryset = Municipality.objects.filter(valid_on(day or today()))
    if country:
        queryset = queryset.filter(country=country)
    if provinces:
        queryset = queryset.filter(province__code__in=list(provinces))
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(code__iexact=text))
    if bbox:
        queryset = queryset.filter(geom__intersects=Polygon.from_bbox(bbox))
    return queryset.order_by("name", "code")


def arrangement_counts(
    *, filters: ArrangementFilter, municipality_ids: list[int]
) -> dict[int, int]:
    """{municipality id: number of filtered arrangements it takes part in on the filter's day}
    for ``municipality_ids`` (a page of a list), counting the members it represents (its
    predecessors). One query with index range lookups on the memberships in force for those
    municipalities only, so its cost follows the page, not the size of the country."""
    if not municipality_ids:
        return {}
    ids = tuple(municipality_ids)

    def counts():
        return _counts_query(filters, municipality_ids=list(ids)).values(
            "municipality_id", "n"
        ), None

    # compiled once per filters, day and page of municipalities (core.compiled)
    query = compiled_query(key=("arrangement_counts", repr(filters), filters.on, ids), build=counts)
    return {row["municipality_id"]: row["n"] for row in compiled_rows(query)}


def _counts_query(
    filters: ArrangementFilter, *, municipality_ids: list[int] | None = None
) -> QuerySet:
    pairs = memberships_represented(filters=filters)
    if municipality_ids is not None:
        pairs = pairs.filter(municipality_id__in=list(municipality_ids))
    return (
        pairs.values_list("municipality_id")
        .annotate(n=Count("arrangement_id", distinct=True))
        .order_by()
    )


def _arrangement_counts(
    filters: ArrangementFilter, *, municipality_ids: list[int] | None = None
) -> dict[int, int]:
    """Worked out without the compiled query (for every municipality when no ids are given):
    the reference the tests compare with."""
    return dict(
        _counts_query(filters, municipality_ids=municipality_ids).values_list(
            "municipality_id", "n"
        )
    )


def municipality_profile(
    *, municipality: Municipality, filters: ArrangementFilter | None = None
) -> dict[str, Any]:
    """Arrangements of a municipality (grouped by theme and by legal form), its most frequent
    partners, its official regions and its predecessors/successors. A constant number of
    queries."""
    f = filters or ArrangementFilter()
    rows = (
        arrangements_filter(filters=f)
        .filter(_takes_part(municipality, f.on))
        .order_by("name", "pk")  # ties (same name) by id, stable across query plans
        .values(
            "pk",
            "slug",
            "name",
            "short_name",
            "legal_form_family",
            "legal_form",
            "is_mandatory",
            "region_code",
            "division_id",
            division_kind=F("division__kind"),
            division_slug=F("division__slug"),
            division_name=F("division__name"),
            theme_list=_theme_slugs(),
        )
    )
    items, by_theme, by_form, regions = [], defaultdict(list), defaultdict(list), []
    for row in rows:  # one query: plain rows, themes as an array
        item = {
            "id": row["pk"],
            "slug": row["slug"],
            "naam": row["name"],
            "rechtsvormFamilie": row["legal_form_family"],
            "rechtsvorm": row["legal_form"] or None,
            "verplicht": row["is_mandatory"],
            "themas": row["theme_list"] or [],
            "soort": row["division_kind"] if row["division_id"] else SAMENWERKING,
            "indeling": row["division_slug"],
        }
        items.append(item)
        for slug in item["themas"] or ["zonder-thema"]:
            by_theme[slug].append(row["pk"])
        by_form[row["legal_form_family"]].append(row["pk"])
        if row["division_id"]:
            regions.append(
                {
                    "indeling": row["division_slug"],
                    "indelingNaam": row["division_name"],
                    "regio": row["short_name"] or row["name"],
                    "regiocode": row["region_code"] or None,
                    "samenwerkingsverband": row["pk"],
                }
            )
    return {
        "samenwerkingsverbanden": items,
        "perThema": dict(sorted(by_theme.items())),
        "perRechtsvormFamilie": dict(sorted(by_form.items())),
        "officieleRegios": regions,
        "partners": _partners(municipality, f, [item["id"] for item in items]),
        "opvolging": _lineage(municipality),
    }


def _theme_slugs() -> Subquery:
    """Expression: the arrangement's theme slugs in the themes' own order (domain, name)."""
    through = Arrangement.themes.through
    slugs = (
        through.objects.filter(arrangement_id=OuterRef("pk"))
        .order_by()
        .values("arrangement_id")
        .annotate(
            slugs=ArrayAgg("theme__slug", order_by=("theme__domain", "theme__name", "theme__pk"))
        )
        .values("slugs")
    )
    return Subquery(slugs, output_field=ArrayField(CharField()))


def _takes_part(municipality: Municipality, day: datetime.date) -> Q:
    """The arrangement has a member that ``municipality`` represents on ``day``: one lookup in
    the memberships in force while it exists; for a municipality that does not exist on
    ``day``, its own memberships and those of its predecessors valid that day (the lineage)."""
    if _exists(municipality, day):
        return Q(
            pk__in=memberships_in_force(day=day)
            .filter(municipality_id=municipality.pk)
            .values("arrangement_id")
        )
    ancestor_ids = MunicipalityLineage.objects.filter(
        Q(since__isnull=True) | Q(since__lte=day), descendant=municipality
    ).values("ancestor_id")
    return Q(
        pk__in=Membership.objects.filter(valid_on(day), municipality_id__in=ancestor_ids).values(
            "arrangement_id"
        )
    )


def _exists(municipality: Municipality, day: datetime.date) -> bool:
    return (municipality.valid_from is None or municipality.valid_from <= day) and (
        municipality.valid_to is None or day < municipality.valid_to
    )


def _partners(
    municipality: Municipality, filters: ArrangementFilter, arrangement_ids: list[int]
) -> list[dict[str, Any]]:
    """The ten most frequent partners. While the municipality exists on the filter's day its
    arrangements are exactly those it represents a member of in force (``_takes_part``), so
    their ids start the lookup; otherwise (a municipality before or after its existence) it
    represents nobody and the general lookup answers."""
    ids = arrangement_ids if _exists(municipality, filters.on) else None
    partners = partners_of(
        municipality_id=municipality.pk, filters=filters, limit=10, arrangement_ids=ids
    )
    return [{"code": p["code"], "naam": p["naam"], "gedeeld": p["gedeeld"]} for p in partners]


def _lineage(municipality: Municipality) -> dict[str, list[dict[str, Any]]]:
    rows = MunicipalityLineage.objects.filter(
        Q(ancestor=municipality) | Q(descendant=municipality), since__isnull=False
    ).values(
        "ancestor__code", "ancestor__name", "descendant__code", "descendant__name", "since", "share"
    )
    predecessors, successors = [], []
    for row in rows:
        if row["descendant__code"] == municipality.code:
            predecessors.append(
                {
                    "code": row["ancestor__code"],
                    "naam": row["ancestor__name"],
                    "datum": row["since"],
                }
            )
        else:
            successors.append(
                {
                    "code": row["descendant__code"],
                    "naam": row["descendant__name"],
                    "datum": row["since"],
                    "aandeel": row["share"],
                }
            )
    return {"voorgangers": predecessors, "opvolgers": successors}
