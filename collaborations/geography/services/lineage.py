"""The lineage closure of municipal reorganisations."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from collaborations.geography.models import Municipality, MunicipalityLineage, Reorganisation


@dataclass
class _Step:
    successor_id: int
    date: datetime.date
    share: Decimal
    is_main: bool


def _descendants(
    start: int, steps: dict[int, list[_Step]]
) -> dict[int, tuple[datetime.date, Decimal, bool]]:
    """Every municipality reached from ``start`` by later reorganisations, with the date of the
    last step, the share of ``start``'s area and whether every step went to the main successor."""
    found: dict[int, tuple[datetime.date, Decimal, bool]] = {}
    frontier = [(start, datetime.date.min, Decimal(1), True)]
    while frontier:
        current, after, share, main = frontier.pop()
        for step in steps.get(current, []):
            if step.date < after:
                continue  # a reorganisation before the current one cannot follow it
            item = (step.date, share * step.share, main and step.is_main)
            previous = found.get(step.successor_id)
            if previous is not None:  # reached by two paths: add up the shares
                item = (min(previous[0], item[0]), previous[1] + item[1], previous[2] or item[2])
            found[step.successor_id] = item
            frontier.append((step.successor_id, step.date, share * step.share, item[2]))
    return found


def _steps() -> dict[int, list[_Step]]:
    steps: dict[int, list[_Step]] = defaultdict(list)
    for row in Reorganisation.objects.order_by("date").values(
        "predecessor_id", "successor_id", "date", "area_share", "is_main_successor"
    ):
        share = row["area_share"]
        if share is None:  # unsplit, or a split part whose share is unknown
            share = Decimal(1) if row["is_main_successor"] else Decimal(0)
        steps[row["predecessor_id"]].append(
            _Step(row["successor_id"], row["date"], share, row["is_main_successor"])
        )
    return steps


def _shares_of_splits(steps: dict[int, list[_Step]]) -> None:
    """A split part with an unknown share (Maasdonk -> Oss) gets the remainder."""
    for outgoing in steps.values():
        known = sum((s.share for s in outgoing), Decimal(0))
        unknown = [s for s in outgoing if s.share == 0]
        for step in unknown:
            step.share = max(Decimal(0), (Decimal(1) - known) / len(unknown))


def lineage_rebuild() -> int:
    """Rebuild :class:`MunicipalityLineage` from the reorganisations. Returns the row count."""
    steps = _steps()
    _shares_of_splits(steps)
    rows = [
        MunicipalityLineage(ancestor_id=pk, descendant_id=pk, since=None, share=1, is_main=True)
        for pk in Municipality.objects.values_list("pk", flat=True)
    ]
    for ancestor_id in list(steps):
        for descendant_id, (since, share, main) in _descendants(ancestor_id, steps).items():
            rows.append(
                MunicipalityLineage(
                    ancestor_id=ancestor_id,
                    descendant_id=descendant_id,
                    since=since,
                    share=min(Decimal(1), share).quantize(Decimal("0.001")),
                    is_main=main,
                )
            )
    with transaction.atomic():
        MunicipalityLineage.objects.all().delete()
        MunicipalityLineage.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
