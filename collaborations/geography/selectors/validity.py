"""Selectors for municipalities in time: which municipalities, boundaries and members were
valid on a date (peildatum)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from collaborations.geography.models import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
)


def valid_on(day: datetime.date, *, prefix: str = "") -> Q:
    """Condition "valid on ``day``" for a model with nullable valid_from (inclusive) and
    valid_to (exclusive); ``prefix`` reaches the fields through a relation (``"municipality__"``)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def today() -> datetime.date:
    return timezone.localdate()


def municipalities_on(*, day: datetime.date | None = None) -> QuerySet[Municipality]:
    """The municipalities that existed on ``day`` (default today)."""
    return Municipality.objects.filter(valid_on(day or today()))


def boundaries_on(*, day: datetime.date | None = None) -> QuerySet[MunicipalityBoundary]:
    """One boundary version per municipality: the version in force on ``day``."""
    day = day or today()
    return MunicipalityBoundary.objects.filter(valid_on(day)).filter(
        valid_on(day, prefix="municipality__")
    )


def municipality_successors(*, ids: list[int], day: datetime.date) -> list[tuple[int, int, float]]:
    """(municipality id, id of a municipality in force on ``day`` that represents it, share of
    its area there) for each of ``ids``: itself while it exists, its successors after a
    herindeling (the lineage, all parts of a split). One query."""
    rows = MunicipalityLineage.objects.filter(
        Q(since__isnull=True) | Q(since__lte=day),
        valid_on(day, prefix="descendant__"),
        ancestor_id__in=list(ids),
    ).values_list("ancestor_id", "descendant_id", "share")
    return [(a, d, float(share)) for a, d, share in rows]
