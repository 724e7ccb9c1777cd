"""Congruence between two partitions of the same municipalities (docs/congruence.md).

Pure functions on label sequences: ``a[i]`` and ``b[i]`` are the regions of municipality ``i`` in
partition A and partition B. Everything is computed from the contingency table (how many
municipalities lie in region *a* of A and region *b* of B), with natural logarithms, as
``igraph.compare_communities`` does (the tests check agreement to 1e-9).

- adjusted Rand index (Hubert & Arabie 1985): 1 identical, about 0 as by chance;
- normalised mutual information (Danon et al. 2005): 2 I(A;B) / (H(A) + H(B)), 1 identical;
- variation of information (Meila 2007): H(A|B) + H(B|A), 0 identical, in nats;
- homogeneity of A with respect to B, 1 - H(B|A) / H(B): 1 when every region of A lies inside
  one region of B (A nests in B);
- completeness of A with respect to B, 1 - H(A|B) / H(A): 1 when every region of B lies inside
  one region of A (B nests in A). Completeness is homogeneity with A and B swapped.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Contingency:
    """The contingency table of A (rows) against B (columns) and the labels of both."""

    table: np.ndarray  # int counts, shape (regions of A, regions of B)
    a_labels: list[Hashable]
    b_labels: list[Hashable]

    @property
    def n(self) -> int:
        return int(self.table.sum())


def contingency(a: Sequence[Hashable], b: Sequence[Hashable]) -> Contingency:
    if len(a) != len(b):
        raise ValueError("both partitions must label the same municipalities")
    if not len(a):
        raise ValueError("no municipalities to compare")
    a_labels, a_index = np.unique(np.asarray(a, dtype=object).astype(str), return_inverse=True)
    b_labels, b_index = np.unique(np.asarray(b, dtype=object).astype(str), return_inverse=True)
    table = np.zeros((len(a_labels), len(b_labels)), dtype=np.int64)
    np.add.at(table, (a_index, b_index), 1)
    return Contingency(table, list(a_labels), list(b_labels))


def _entropy(counts: np.ndarray, n: int) -> float:
    p = counts[counts > 0] / n
    return float(-(p * np.log(p)).sum())


def _mutual_information(table: np.ndarray) -> float:
    n = int(table.sum())
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    i, j = np.nonzero(table)
    nij = table[i, j].astype(float)
    return float((nij / n * np.log(nij * n / (rows[i] * cols[j]))).sum())


def _pairs(x: np.ndarray) -> float:
    x = x.astype(float)
    return float((x * (x - 1) / 2).sum())


def adjusted_rand_index(c: Contingency) -> float:
    return _adjusted_rand_index(c.table)


def _adjusted_rand_index(table: np.ndarray) -> float:
    n = int(table.sum())
    index = _pairs(table)
    a, b = _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    total = n * (n - 1) / 2
    expected = a * b / total if total else 0.0
    maximum = (a + b) / 2
    if maximum == expected:  # both trivial (one region each, or all singletons)
        return 1.0
    return (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class Measures:
    """Whole-partition measures of A against B (see the module docstring)."""

    ari: float
    nmi: float
    vi: float
    homogeneity: float
    completeness: float
    municipalities: int
    regions_a: int
    regions_b: int


def measures(a: Sequence[Hashable], b: Sequence[Hashable]) -> Measures:
    return table_measures(contingency(a, b).table)


def table_measures(table: np.ndarray) -> Measures:
    """The measures of a contingency table (rows: regions of A, columns: regions of B; rows
    and columns without municipalities are ignored)."""
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    n = int(table.sum())
    if not n:
        raise ValueError("no municipalities to compare")
    h_a = _entropy(table.sum(axis=1), n)
    h_b = _entropy(table.sum(axis=0), n)
    mi = _mutual_information(table)
    return Measures(
        ari=_adjusted_rand_index(table),
        nmi=1.0 if h_a + h_b == 0 else 2 * mi / (h_a + h_b),
        vi=max(h_a + h_b - 2 * mi, 0.0),
        homogeneity=1.0 if h_b == 0 else 1 - (h_b - mi) / h_b,
        completeness=1.0 if h_a == 0 else 1 - (h_a - mi) / h_a,
        municipalities=n,
        regions_a=table.shape[0],
        regions_b=table.shape[1],
    )


# --- per region of A ------------------------------------------------------------------------
WITHIN = "binnen"  # inside one region of B, but not all of it
COINCIDING = "samenvallend"  # the same municipalities as one region of B
CROSSING = "doorsnijdend"  # municipalities in more than one region of B


@dataclass(frozen=True)
class RegionFit:
    """How one region of A lies in B: its class, the regions of B it touches (most members
    first, with the count), and the municipalities outside the region of B that holds most
    of them (the wrong side of a crossing border)."""

    region: Hashable
    fit: str
    touches: list[tuple[Hashable, int]]
    outside: list[int]  # indexes (into the label sequences) of municipalities on the wrong side


def region_fits(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[RegionFit]:
    """The fit of every region of A in B, in the order of A's labels."""
    c = contingency(a, b)
    a_str = np.asarray(a, dtype=object).astype(str)
    b_str = np.asarray(b, dtype=object).astype(str)
    column_sizes = c.table.sum(axis=0)
    fits = []
    for row, label in enumerate(c.a_labels):
        counts = c.table[row]
        touched = np.flatnonzero(counts)
        order = touched[
            np.lexsort((np.asarray(c.b_labels, dtype=object)[touched], -counts[touched]))
        ]
        main = order[0]
        if len(touched) > 1:
            fit = CROSSING
        elif counts[main] == column_sizes[main]:
            fit = COINCIDING
        else:
            fit = WITHIN
        members = np.flatnonzero(a_str == label)
        outside = [int(i) for i in members if b_str[i] != c.b_labels[main]]
        touches = [(c.b_labels[k], int(counts[k])) for k in order]
        fits.append(RegionFit(label, fit, touches, outside))
    return fits
