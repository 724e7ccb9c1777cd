"""Arrangements as list rows: each with its theme slugs and its number of municipal members on
the filter's day, both computed in the database by correlated subqueries (one statement for the
whole page, no query per row)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.represented import memberships_in_force
from collaborations.core.choices import DivisionKind, PublicationStatus

#: Orderings of :func:`arrangement_list` (key -> order_by expressions); ties break on the id.
ORDERINGS = {
    "name": (F("name").asc(), F("id").asc()),
    "-name": (F("name").desc(), F("id").asc()),
    "member_count": (F("member_count").asc(), F("name").asc(), F("id").asc()),
    "-member_count": (F("member_count").desc(), F("name").asc(), F("id").asc()),
    "start_date": (F("start_date").asc(nulls_last=True), F("name").asc(), F("id").asc()),
    "-start_date": (F("start_date").desc(nulls_last=True), F("name").asc(), F("id").asc()),
}


def member_count(*, day: datetime.date) -> Coalesce:
    """Expression: the number of municipalities that represent the arrangement's municipal
    members on ``day`` (a merged member counts as its successor, a split one as all its parts)."""
    counts = (
        memberships_in_force(day=day)
        .filter(arrangement_id=OuterRef("pk"))
        .values("arrangement_id")
        .annotate(n=Count("municipality_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def arrangement_kind() -> Coalesce:
    """Expression: the arrangement's kind (``soort``): its division's kind for a region of a
    division (samenwerking, rijksindeling, statistisch), else samenwerking."""
    return Coalesce(F("division__kind"), Value(DivisionKind.SAMENWERKING.value))


def theme_slugs() -> Subquery:
    """Expression: the arrangement's theme slugs, sorted (NULL when it has none)."""
    through = Arrangement.themes.through
    slugs = (
        through.objects.filter(arrangement_id=OuterRef("pk"))
        .order_by()
        .values("arrangement_id")
        .annotate(slugs=ArrayAgg("theme__slug", order_by="theme__slug"))
        .values("slugs")
    )
    return Subquery(slugs, output_field=ArrayField(CharField()))


def arrangement_list(
    *, filters: ArrangementFilter | None = None, ordering: str = "name"
) -> QuerySet[Arrangement]:
    """The arrangements passing ``filters``, annotated with ``member_count`` and
    ``theme_slugs``, in the order ``ordering`` (a key of :data:`ORDERINGS`). The footprint is
    deferred: callers that want it annotate its (simplified) GeoJSON themselves."""
    if ordering not in ORDERINGS:
        raise ValueError(f"unknown ordering {ordering!r}")
    f = filters or ArrangementFilter()
    return (
        arrangements_filter(filters=f)
        .defer("footprint")
        .annotate(member_count=member_count(day=f.on), theme_slugs=theme_slugs())
        .order_by(*ORDERINGS[ordering])
    )


def arrangement_index_rows() -> list[list]:
    """[id, slug, name, short name, theme slugs] of every published arrangement, by name (two
    queries): what the atlas's search box and theme colours need."""
    themes: dict[int, list[str]] = defaultdict(list)
    pairs = Arrangement.themes.through.objects.order_by("theme__slug").values_list(
        "arrangement_id", "theme__slug"
    )
    for arrangement_id, slug in pairs:
        themes[arrangement_id].append(slug)
    rows = (
        Arrangement.objects.filter(publication_status=PublicationStatus.PUBLISHED)
        .order_by("name")
        .values_list("id", "slug", "name", "short_name")
    )
    return [[*row, themes.get(row[0], [])] for row in rows]
