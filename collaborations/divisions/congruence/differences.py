"""The differences between two partitions, each on its own peildatum (the side-by-side view,
docs/atlas.md and docs/congruence.md): which region of B is the counterpart of each region of A,
which municipalities moved, and which borders do not match.

Both partitions are read on the municipalities of the later of the two days (the comparison
day): a partition of an earlier day is carried over through the lineage (a merged municipality
counts as its successor, a split one as its parts; a successor of members of two regions goes
with the region that holds the largest share of it, as in ``partitions.choose_regions``).

**The rule.** The counterpart of a region of A is the region of B that holds most of its
municipalities; ties go to the region of B with the same key (the same region continued into a
new version of one division), then to the first by name. A municipality **moved** when it is in
both and its region of B is not the counterpart of its region of A; it is **only in A** or
**only in B** when the other partition has no region for it."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from collaborations.divisions.congruence.partitions import Partition, Region, choose_regions
from collaborations.geography.selectors.borders import ONLY_A, ONLY_B, border_classes
from collaborations.geography.selectors.validity import (
    municipalities_on,
    municipality_successors,
)

#: Kinds of difference of a municipality (``Move.kind``).
MOVED, ONLY_IN_A, ONLY_IN_B = "verhuisd", "alleenInA", "alleenInB"
KINDS = (MOVED, ONLY_IN_A, ONLY_IN_B)


@dataclass(frozen=True)
class Counterpart:
    """A region of A, its counterpart in B (None when none of its municipalities is in B), how
    many municipalities they share and how many the region of A has (on the comparison day)."""

    region: Region
    counterpart: Region | None
    shared: int
    size: int


@dataclass(frozen=True)
class Move:
    """A municipality (id on the comparison day) whose region differs: ``a`` and ``b`` are its
    regions (None when it is not in that partition), ``expected`` the counterpart in B of its
    region of A."""

    municipality: int
    kind: str
    a: Region | None
    b: Region | None
    expected: Region | None


@dataclass(frozen=True)
class Differences:
    a: Partition  # carried over to the comparison day
    b: Partition
    day_a: datetime.date
    day_b: datetime.date
    day: datetime.date  # the comparison day: the later of the two
    counterparts: list[Counterpart]
    moves: list[Move]
    #: [(class ONLY_A or ONLY_B, number of neighbour pairs, GeoJSON of the lines)]
    borders: list[tuple[str, int, str]]
    #: {municipality id: (code, name)} of the municipalities in force on the comparison day.
    municipalities: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: {municipality id on the comparison day: codes of the municipalities on A's day it
    #: stands for} (only where they differ from its own code).
    codes_a: dict[int, list[str]] = field(default_factory=dict)


def _carry(partition: Partition, day: datetime.date) -> tuple[Partition, dict[int, list[int]]]:
    """``partition`` on the municipalities in force on ``day`` (a later day), and for each of
    them the municipalities of the partition's day it stands for. One query."""
    rows = municipality_successors(ids=list(partition.labels), day=day)
    chosen, _multiple = choose_regions((d, partition.labels[a], share) for a, d, share in rows)
    ancestors: dict[int, list[int]] = defaultdict(list)
    regions: dict[int, set[str]] = defaultdict(set)
    for ancestor, descendant, _share in rows:
        ancestors[descendant].append(ancestor)
        regions[descendant].add(partition.labels[ancestor])
    # successors of members of more than one region (the largest share decided)
    multiple = sum(1 for keys in regions.values() if len(keys) > 1)
    carried = Partition(
        ref=partition.ref,
        name=partition.name,
        kind=partition.kind,
        labels=chosen,
        regions=partition.regions,
        multiple=partition.multiple + multiple,
    )
    return carried, dict(ancestors)


def region_counterparts(a: Partition, b: Partition) -> dict[str, tuple[str | None, int, int]]:
    """{region key of A: (key of its counterpart in B or None, shared, size of the region of
    A)} by the rule of this module; municipalities are those of ``a.labels``."""
    shared: dict[str, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    for municipality, region in a.labels.items():
        sizes[region] += 1
        other = b.labels.get(municipality)
        if other is not None:
            shared[region][other] += 1
    result: dict[str, tuple[str | None, int, int]] = {}
    for region, size in sizes.items():
        counts = shared.get(region)
        if not counts:
            result[region] = (None, 0, size)
            continue
        best = min(
            counts,
            key=lambda key: (-counts[key], key != region, b.regions[key].name.lower(), key),
        )
        result[region] = (best, counts[best], size)
    return result


def _moves(a: Partition, b: Partition, counterparts: dict) -> list[Move]:
    moves = []
    for municipality in set(a.labels) | set(b.labels):
        key_a, key_b = a.labels.get(municipality), b.labels.get(municipality)
        expected = counterparts[key_a][0] if key_a is not None else None
        if key_a is None:
            kind = ONLY_IN_B
        elif key_b is None:
            kind = ONLY_IN_A
        elif key_b != expected:
            kind = MOVED
        else:
            continue
        moves.append(
            Move(
                municipality=municipality,
                kind=kind,
                a=a.regions[key_a] if key_a is not None else None,
                b=b.regions[key_b] if key_b is not None else None,
                expected=b.regions[expected] if expected is not None else None,
            )
        )
    return moves


def _codes_a(
    ancestors: dict[int, list[int]], day_a: datetime.date, names: dict[int, tuple[str, str]]
) -> dict[int, list[str]]:
    wanted = {m for ids in ancestors.values() for m in ids}
    codes = dict(municipalities_on(day=day_a).filter(pk__in=wanted).values_list("pk", "code"))
    result = {}
    for municipality, ids in ancestors.items():
        own = sorted(codes[m] for m in ids if m in codes)
        if own != [names[municipality][0]]:
            result[municipality] = own
    return result


def partitions_differences(
    *, a: Partition, b: Partition, day_a: datetime.date, day_b: datetime.date
) -> Differences:
    """The differences between ``a`` (read on ``day_a``) and ``b`` (read on ``day_b``) on the
    municipalities of the later day. Six queries (the border classes cached)."""
    day = max(day_a, day_b)
    a, ancestors_a = _carry(a, day)
    b, _ancestors_b = _carry(b, day)
    names = {
        pk: (code, name)
        for pk, code, name in municipalities_on(day=day).values_list("pk", "code", "name")
    }
    counterparts = region_counterparts(a, b)
    rows = [
        Counterpart(
            region=a.regions[key],
            counterpart=b.regions[other] if other is not None else None,
            shared=shared,
            size=size,
        )
        for key, (other, shared, size) in counterparts.items()
    ]
    rows.sort(key=lambda r: (r.region.name.lower(), r.region.key))
    moves = _moves(a, b, counterparts)
    moves.sort(key=lambda m: (KINDS.index(m.kind), names[m.municipality][1].lower()))
    borders = border_classes(
        labels_a=a.labels, labels_b=b.labels, day=day, classes=(ONLY_A, ONLY_B)
    )
    return Differences(
        a=a,
        b=b,
        day_a=day_a,
        day_b=day_b,
        day=day,
        counterparts=rows,
        moves=moves,
        borders=borders,
        municipalities=names,
        codes_a=_codes_a(ancestors_a, day_a, names) if day_a != day else {},
    )
