"""Which municipalities represent the municipal members of arrangements on a day: the member
itself while it exists, its successors after a herindeling (the lineage)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from collaborations.arrangements.models import Membership
from collaborations.geography.selectors.validity import today, valid_on


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
