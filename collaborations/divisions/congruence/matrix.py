"""The congruence matrix: every pair of divisions in force on a day, once, with the
whole-partition measures (docs/congruence.md).

One query reads the (division, region, municipality, weight) rows of every division in force;
NumPy turns them into a label matrix (municipalities x divisions, -1 where a division has no
region) and each pair into a contingency table. Cached per day and data version."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from collaborations.core.selectors import data_version
from collaborations.divisions.congruence.partitions import (
    Partition,
    choose_regions,
    division_regions_in_force,
    region_rows,
)
from collaborations.divisions.measures import Measures, table_measures
from collaborations.divisions.selectors import version_year_on
from collaborations.geography.selectors.validity import today

CACHE_SECONDS = 24 * 3600
ROW_FIELDS = (
    "arrangement__division__slug",
    "arrangement__division__name",
    "arrangement__division__kind",
    "arrangement_id",
)


@dataclass(frozen=True)
class DivisionColumn:
    """A division in force: its slug, name, the year of its version in force and its kind, how
    many regions it has on the day and how many municipalities they hold."""

    slug: str
    name: str
    year: int
    kind: str
    regions: int
    municipalities: int
    multiple: int  # municipalities in more than one of its regions (the largest share decides)


@dataclass(frozen=True)
class DivisionLabels:
    """Every division in force on a day as a column of ``labels`` (municipalities x
    divisions): the region of each municipality as a number 0..regions-1, or -1."""

    municipality_ids: np.ndarray
    divisions: list[DivisionColumn]
    labels: np.ndarray

    def column(self, slug: str) -> int:
        return next(i for i, d in enumerate(self.divisions) if d.slug == slug)


@dataclass(frozen=True)
class PairMeasures:
    a: str
    b: str
    measures: Measures


def _division_labels(day: datetime.date) -> DivisionLabels:
    rows = region_rows(
        day=day,
        regions=division_regions_in_force(day=day),
        fields=ROW_FIELDS,
        version_year=version_year_on(day),
    )
    meta: dict[str, tuple] = {}
    per_division: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for slug, name, kind, region, year, municipality, weight in rows:
        meta[slug] = (name, year or 0, kind)
        per_division[slug].append((municipality, region, weight))
    slugs = sorted(meta, key=lambda s: (meta[s][0].lower(), -meta[s][1], s))
    ids = np.array(sorted({m for rs in per_division.values() for m, _, _ in rs}), dtype=np.int64)
    index = {int(m): i for i, m in enumerate(ids)}
    labels = np.full((len(ids), len(slugs)), -1, dtype=np.int32)
    columns = []
    for col, slug in enumerate(slugs):
        chosen, multiple = choose_regions(per_division[slug])
        numbers = {region: n for n, region in enumerate(sorted(set(chosen.values())))}
        for municipality, region in chosen.items():
            labels[index[municipality], col] = numbers[region]
        name, year, kind = meta[slug]
        columns.append(DivisionColumn(slug, name, year, kind, len(numbers), len(chosen), multiple))
    return DivisionLabels(ids, columns, labels)


def division_labels(*, day: datetime.date | None = None) -> DivisionLabels:
    """The label matrix of every division in force on ``day``: one query, cached per day and
    data version."""
    day = day or today()
    key = f"congruence:labels:{day.isoformat()}:{data_version()}"
    result = cache.get(key)
    if result is None:
        result = _division_labels(day)
        cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def pair_measures(x: np.ndarray, y: np.ndarray) -> Measures | None:
    """The measures of two label columns over the municipalities labelled in both (None
    when there are none)."""
    both = (x >= 0) & (y >= 0)
    if not both.any():
        return None
    x, y = x[both], y[both]
    width = int(y.max()) + 1
    table = np.bincount(x * width + y, minlength=(int(x.max()) + 1) * width)
    return table_measures(table.reshape(-1, width))


def _matrix(labels: DivisionLabels) -> list[PairMeasures]:
    pairs = []
    count = len(labels.divisions)
    for i in range(count):
        for j in range(i + 1, count):
            measures = pair_measures(labels.labels[:, i], labels.labels[:, j])
            if measures is not None:
                pairs.append(
                    PairMeasures(labels.divisions[i].slug, labels.divisions[j].slug, measures)
                )
    return pairs


def congruence_matrix(
    *, day: datetime.date | None = None
) -> tuple[list[DivisionColumn], list[PairMeasures]]:
    """The divisions in force on ``day`` and every pair of them once (A before B in the
    order of the divisions), over the municipalities in both; cached per day and data
    version (one query when built)."""
    day = day or today()
    key = f"congruence:matrix:{day.isoformat()}:{data_version()}"
    result = cache.get(key)
    if result is None:
        labels = division_labels(day=day)
        result = (labels.divisions, _matrix(labels))
        cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def partition_ranking(
    *, partition: Partition, day: datetime.date | None = None
) -> list[tuple[DivisionColumn, Measures]]:
    """``partition`` (as A) against every division in force on ``day`` (as B) other than
    itself, best agreement (adjusted Rand index) first; of equal agreement, the one that
    compares more municipalities."""
    labels = division_labels(day=day)
    numbers = {key: n for n, key in enumerate(sorted(set(partition.labels.values())))}
    column = np.full(len(labels.municipality_ids), -1, dtype=np.int32)
    for i, municipality in enumerate(labels.municipality_ids.tolist()):
        region = partition.labels.get(municipality)
        if region is not None:
            column[i] = numbers[region]
    ranking = []
    for j, division in enumerate(labels.divisions):
        if division.slug == partition.ref:
            continue
        measures = pair_measures(column, labels.labels[:, j])
        if measures is not None:
            ranking.append((division, measures))
    return sorted(
        ranking,
        key=lambda item: (-item[1].ari, -item[1].municipalities, item[0].name, item[0].slug),
    )
