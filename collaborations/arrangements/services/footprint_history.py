"""Footprints through time: per arrangement, the periods in which the municipalities that
represent its members and their boundary versions stay the same, each with its footprint
(a coverage union of the clean boundaries of that period).

The dates on which anything can change are few (boundary layers, herindelingen, the versions of
the divisions, membership dates): the footprint of every arrangement is computed once per period
between two such dates, and consecutive periods with the same boundaries are merged. One query
per period; a union per distinct set of boundaries (regions of several divisions share them)."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from django.db.models import Q

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.core.geometry import polygonal, to_shapely
from collaborations.geography.models import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
)
from collaborations.geography.selectors.validity import boundaries_on

#: Footprint history starts here (the oldest data of the atlas, OpenGR 2015); the first period
#: is open towards the past and computed as on the day before.
FLOOR = datetime.date(2015, 1, 1)
ONE_DAY = datetime.timedelta(days=1)

Key = frozenset[int]  # the boundary versions (MunicipalityBoundary ids) of a footprint


@dataclass(frozen=True)
class Period:
    """[start, end) (None: open) with the boundaries of the footprint."""

    start: datetime.date | None
    end: datetime.date | None
    key: Key

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def _dates(values: Iterable[datetime.date | None]) -> set[datetime.date]:
    return {value for value in values if value is not None and value >= FLOOR}


def breakpoints(arrangement_ids: list[int] | None) -> list[datetime.date]:
    """Every date on which a footprint of these arrangements (default: all) can change."""
    memberships = Membership.objects.all()
    arrangements = Arrangement.objects.all()
    if arrangement_ids is not None:
        memberships = memberships.filter(arrangement_id__in=arrangement_ids)
        arrangements = arrangements.filter(pk__in=arrangement_ids)
    dates: set[datetime.date] = set()
    for queryset, fields in (
        (MunicipalityBoundary.objects, ("valid_from", "valid_to")),
        (Municipality.objects, ("valid_from", "valid_to")),
        (MunicipalityLineage.objects, ("since",)),
        (memberships, ("valid_from", "valid_to")),
        (arrangements, ("start_date", "end_date")),
    ):
        for field in fields:
            dates |= _dates(queryset.order_by().values_list(field, flat=True).distinct())
    return sorted(dates)


def periods_between(dates: list[datetime.date]) -> list[tuple]:
    """[(start, end, the day to compute it on)], the first and last open."""
    if not dates:
        return [(None, None, FLOOR)]
    bounds = [None, *dates, None]
    result = []
    for start, end in itertools.pairwise(bounds):
        result.append((start, end, start if start is not None else dates[0] - ONE_DAY))
    return result


def _alive(arrangement_ids: list[int] | None) -> dict[int, tuple]:
    queryset = Arrangement.objects.all()
    if arrangement_ids is not None:
        queryset = queryset.filter(pk__in=arrangement_ids)
    return {
        pk: (start, end) for pk, start, end in queryset.values_list("pk", "start_date", "end_date")
    }


def _clip(start, end, life) -> tuple | None:
    """[start, end) within the arrangement's life (start_date, end_date), or None."""
    born, died = life
    if born is not None and (start is None or start < born):
        start = born
    if died is not None and (end is None or end > died):
        end = died
    if start is not None and end is not None and end <= start:
        return None
    return start, end


def _extend(periods: list[Period], start, end, key: Key) -> None:
    """Add a period, merged with the one before when it has the same boundaries and touches."""
    if periods and periods[-1].key == key and periods[-1].end == start:
        periods[-1] = Period(periods[-1].start, end, key)
    else:
        periods.append(Period(start, end, key))


def _keys_on(day: datetime.date, arrangement_ids: list[int] | None) -> dict[int, Key]:
    """{arrangement: the boundary versions of its represented municipalities on ``day``}."""
    boundary = dict(
        boundaries_on(day=day)
        .filter(geom_coverage__isnull=False)
        .values_list("municipality_id", "pk")
    )
    keys: dict[int, set[int]] = defaultdict(set)
    for arrangement_id, municipality_id in represented_municipality_pairs(
        day=day, arrangement_ids=arrangement_ids
    ):
        if municipality_id in boundary:
            keys[arrangement_id].add(boundary[municipality_id])
    return {pk: frozenset(ids) for pk, ids in keys.items()}


def footprint_periods(arrangement_ids: list[int] | None) -> dict[int, list[Period]]:
    """{arrangement: its periods with a non-empty footprint, oldest first}, within the
    arrangement's own life (start_date, end_date)."""
    life = _alive(arrangement_ids)
    result: dict[int, list[Period]] = defaultdict(list)
    for start, end, day in periods_between(breakpoints(arrangement_ids)):
        for pk, key in _keys_on(day, arrangement_ids).items():
            clipped = _clip(start, end, life[pk]) if pk in life else None
            if key and clipped:
                _extend(result[pk], *clipped, key)
    return dict(result)


def _union(parts: np.ndarray) -> shapely.Geometry:
    try:
        return shapely.coverage_union_all(parts)
    except shapely.errors.GEOSException:  # boundaries of different layers: not one coverage
        return shapely.union_all(parts)


def footprint_shapes(keys: Iterable[Key]) -> dict[Key, shapely.Geometry | None]:
    """The footprint of every distinct set of boundary versions (polygonal parts only)."""
    keys = set(keys)
    wanted = {pk for key in keys for pk in key}
    rows = list(
        MunicipalityBoundary.objects.filter(Q(pk__in=wanted)).values_list("pk", "geom_coverage")
    )
    shapes = dict(zip((r[0] for r in rows), to_shapely(r[1] for r in rows), strict=True))
    result: dict[Key, shapely.Geometry | None] = {}
    for key in keys:
        parts = [shapes[pk] for pk in key if shapes.get(pk) is not None]
        result[key] = polygonal(_union(np.array(parts))) if parts else None
    return result
