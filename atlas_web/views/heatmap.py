"""The congruence matrix as a heatmap table for the congruence page: one row and one column per
division in force, each cell the chosen measure of the row (A) against the column (B), shaded
in ten classes (CSS classes ``heat-0`` .. ``heat-9``, darker is more congruent)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from collaborations.divisions.congruence.matrix import DivisionColumn, PairMeasures
from collaborations.divisions.measures import Measures

CLASSES = 10
#: The measure's value of a division against itself.
IDENTITY = {"ari": 1.0, "nmi": 1.0, "vi": 0.0, "homogeneity": 1.0, "completeness": 1.0}
#: Swapping A and B swaps homogeneity and completeness; the other measures are symmetric.
SWAPPED = {"homogeneity": "completeness", "completeness": "homogeneity"}


@dataclass(frozen=True)
class Cell:
    a: str
    b: str
    value: float
    shade: int  # 0 (least congruent) .. 9 (most)


def _value(measures: Measures, attribute: str, swapped: bool) -> float:
    return getattr(measures, SWAPPED.get(attribute, attribute) if swapped else attribute)


def shade(value: float, attribute: str, largest_vi: float) -> int:
    """The class of a value: 0..9, higher is more congruent (for VI: lower values)."""
    if attribute == "vi":
        share = 1 - value / largest_vi if largest_vi > 0 else 1.0
    else:
        share = max(0.0, min(1.0, value))
    return min(CLASSES - 1, math.floor(share * CLASSES))


def heatmap(
    divisions: list[DivisionColumn], pairs: list[PairMeasures], attribute: str
) -> list[dict[str, Any]]:
    """Rows [{division, cells: [Cell | None]}] in the order of ``divisions``; a cell is None
    when the two divisions share no municipality."""
    by_pair = {(p.a, p.b): p.measures for p in pairs}
    largest_vi = max((p.measures.vi for p in pairs), default=0.0)
    rows = []
    for row in divisions:
        cells: list[Cell | None] = []
        for column in divisions:
            if row.slug == column.slug:
                value = IDENTITY[attribute]
            elif (row.slug, column.slug) in by_pair:
                value = _value(by_pair[(row.slug, column.slug)], attribute, swapped=False)
            elif (column.slug, row.slug) in by_pair:
                value = _value(by_pair[(column.slug, row.slug)], attribute, swapped=True)
            else:
                cells.append(None)
                continue
            cells.append(Cell(row.slug, column.slug, value, shade(value, attribute, largest_vi)))
        rows.append({"division": row, "cells": cells})
    return rows


def pair_list(divisions: list[DivisionColumn], pairs: list[PairMeasures]) -> list[dict[str, Any]]:
    """Every pair once as a row of the table equivalent, most congruent (ARI) first."""
    names = {d.slug: f"{d.name} ({d.year})" for d in divisions}
    rows = [
        {"a": p.a, "b": p.b, "name_a": names[p.a], "name_b": names[p.b], "measures": p.measures}
        for p in pairs
    ]
    return sorted(rows, key=lambda r: (-r["measures"].ari, r["name_a"], r["name_b"]))
