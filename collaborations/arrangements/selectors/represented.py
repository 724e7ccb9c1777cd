"""Which municipalities represent the municipal members of arrangements on a day: the member
itself while it exists, its successors after a herindeling (the lineage).

Reads look this up in ``MunicipalityMembership`` (kept in step by the database, migration 0016):
one GiST index range lookup per peildatum. :func:`represented_municipality_pairs_computed` is the
rule worked out from memberships and the lineage, the reference the table is tested against."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from collaborations.arrangements.models import Membership, MunicipalityMembership
from collaborations.geography.selectors.validity import today, valid_on


def memberships_in_force(
    *, day: datetime.date | None = None, arrangement_ids=None
) -> QuerySet[MunicipalityMembership]:
    """The rows of ``MunicipalityMembership`` in force on ``day`` (default today): fields
    ``arrangement_id`` and ``municipality_id`` (the representing municipality), ``member_id``
    (the member as recorded) and ``role``. A municipality may appear more than once per
    arrangement (two merged members): count distinct."""
    rows = MunicipalityMembership.objects.filter(valid__contains=day or today())
    if arrangement_ids is not None:
        rows = rows.filter(arrangement_id__in=list(arrangement_ids))
    return rows.order_by()


def represented_municipality_pairs(
    *, day: datetime.date | None = None, arrangement_ids=None
) -> QuerySet:
    """(arrangement_id, municipality_id) for every municipality that represents a municipal
    member on ``day``: the member itself when it still exists, otherwise its successors
    (all parts of a split). Memberships must be valid on ``day``. Distinct pairs."""
    return (
        memberships_in_force(day=day, arrangement_ids=arrangement_ids)
        .values_list("arrangement_id", "municipality_id")
        .distinct()
    )


def represented_municipality_pairs_computed(
    *, day: datetime.date | None = None, arrangement_ids=None
) -> QuerySet:
    """The same pairs as :func:`represented_municipality_pairs`, worked out through the lineage
    (what every read did before the table; kept as the reference for tests and benchmarks)."""
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
