"""Selectors for municipalities in time: which municipalities, boundaries and members were
valid on a date (peildatum)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from collaborations.arrangements.models import Membership
from collaborations.geography.models import Municipality, MunicipalityBoundary


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


def represented_municipality_pairs(
    *, day: datetime.date | None = None, arrangement_ids=None
) -> QuerySet:
    """(arrangement_id, municipality_id) for every municipality that represents a municipal
    member on ``day``: the member itself when it still exists, otherwise its successors
    (all parts of a split). Memberships must be valid on ``day``."""
    day = day or today()
    memberships = Membership.objects.filter(valid_on(day), municipality__isnull=False)
    if arrangement_ids is not None:
        memberships = memberships.filter(arrangement_id__in=list(arrangement_ids))
    lineage = "municipality__lineage_descendants__"
    return (
        memberships.filter(
            Q(**{f"{lineage}since__isnull": True}) | Q(**{f"{lineage}since__lte": day}),
            valid_on(day, prefix=f"{lineage}descendant__"),
        )
        .order_by()
        .values_list("arrangement_id", f"{lineage}descendant_id")
        .distinct()
    )
