"""Two partitions compared (docs/congruence.md): the whole-partition measures, how each region
of A lies in B, and per municipality the neighbours that A and B treat differently.

Only the municipalities in both partitions are compared; how many are left out is reported."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from collaborations.divisions.congruence.partitions import Partition, Region
from collaborations.divisions.measures import Measures, measures, region_fits
from collaborations.geography.selectors.borders import municipality_adjacency
from collaborations.geography.selectors.validity import municipalities_on, today

#: ``Separation.together_in``: the neighbours share a region in A only, or in B only.
IN_A, IN_B = "a", "b"


@dataclass(frozen=True)
class Fit:
    """How a region of A lies in B: ``fit`` is binnen, samenvallend or doorsnijdend
    (measures.WITHIN, COINCIDING, CROSSING); ``touches`` the regions of B with the number of
    its municipalities in each (most first); ``outside`` the municipalities (ids) outside the
    region of B that holds most of them."""

    region: Region
    fit: str
    size: int
    touches: list[tuple[Region, int]]
    outside: list[int]


@dataclass(frozen=True)
class Comparison:
    a: Partition
    b: Partition
    day: datetime.date
    compared: list[int]  # municipality ids in both partitions, by code
    only_a: int  # municipalities in force on the day in A but not in B
    only_b: int
    neither: int
    measures: Measures
    fits: list[Fit]
    #: {municipality id: [(neighbour id, IN_A or IN_B)]}: neighbours that one partition puts
    #: in the same region and the other does not.
    separations: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    #: {municipality id: (code, name)} of every municipality in force on the day.
    municipalities: dict[int, tuple[str, str]] = field(default_factory=dict)


class NothingToCompareError(ValueError):
    """The two partitions have no municipality in common."""


def _separations(
    a: Partition, b: Partition, compared: set[int], day: datetime.date
) -> dict[int, list[tuple[int, str]]]:
    separations: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for x, y in municipality_adjacency(day=day):
        if x not in compared or y not in compared:
            continue
        together_a = a.labels[x] == a.labels[y]
        together_b = b.labels[x] == b.labels[y]
        if together_a != together_b:
            side = IN_A if together_a else IN_B
            separations[x].append((y, side))
            separations[y].append((x, side))
    return dict(separations)


def _fits(a: Partition, b: Partition, compared: list[int]) -> list[Fit]:
    labels_a = [a.labels[m] for m in compared]
    labels_b = [b.labels[m] for m in compared]
    fits = [
        Fit(
            region=a.regions[fit.region],
            fit=fit.fit,
            size=sum(n for _, n in fit.touches),
            touches=[(b.regions[key], n) for key, n in fit.touches],
            outside=[compared[i] for i in fit.outside],
        )
        for fit in region_fits(labels_a, labels_b)
    ]
    return sorted(fits, key=lambda f: (f.region.name.lower(), f.region.key))


def partitions_compare(
    *, a: Partition, b: Partition, day: datetime.date | None = None
) -> Comparison:
    """A against B over the municipalities in both, on ``day`` (default today). Two queries:
    the municipalities in force and their adjacency (cached)."""
    day = day or today()
    municipalities = {
        pk: (code, name)
        for pk, code, name in municipalities_on(day=day).values_list("pk", "code", "name")
    }
    in_a = set(a.labels) & set(municipalities)
    in_b = set(b.labels) & set(municipalities)
    compared = sorted(in_a & in_b, key=lambda m: municipalities[m][0])
    if not compared:
        raise NothingToCompareError(_("geen gemeenten die in beide indelingen liggen"))
    return Comparison(
        a=a,
        b=b,
        day=day,
        compared=compared,
        only_a=len(in_a - in_b),
        only_b=len(in_b - in_a),
        neither=len(set(municipalities) - in_a - in_b),
        measures=measures([a.labels[m] for m in compared], [b.labels[m] for m in compared]),
        fits=_fits(a, b, compared),
        separations=_separations(a, b, set(compared), day),
        municipalities=municipalities,
    )
