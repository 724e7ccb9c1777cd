"""The differences between two partitions, each on its own peildatum (the side-by-side view,
docs/congruence.md): the counterpart of each region of A, the municipalities that moved and
the borders that do not match. JSON; CSV and XLSX give the table of municipalities."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.divisions.congruence.differences import (
    KINDS,
    Differences,
    Move,
    partitions_differences,
)
from collaborations.divisions.congruence.labels import BORDERS, DIFFERENCES
from collaborations.geography.selectors.validity import today

from .. import docs_congruence as cdocs
from ..collection import Collection, Item
from ..params.congruence import PARTITIONS, SIDE_DAYS
from ..renderers import wants_table
from .congruence import _PartitionsView, partition_out

MOVE_COLUMNS = [
    "code", "naam", "soort", "regioA", "regioANaam", "regioB", "regioBNaam",
    "verwachtRegioB", "verwachtRegioBNaam", "codesOpPeildatumA",
]  # fmt: skip


def _key(region) -> str | None:
    return region.key if region is not None else None


def _name(region) -> str | None:
    return region.name if region is not None else None


def move_row(differences: Differences, move: Move) -> dict[str, Any]:
    code, name = differences.municipalities[move.municipality]
    return {
        "code": code,
        "naam": name,
        "soort": move.kind,
        "regioA": _key(move.a),
        "regioANaam": _name(move.a),
        "regioB": _key(move.b),
        "regioBNaam": _name(move.b),
        "verwachtRegioB": _key(move.expected),
        "verwachtRegioBNaam": _name(move.expected),
        "codesOpPeildatumA": differences.codes_a.get(move.municipality, [code]),
    }


def differences_out(differences: Differences) -> dict[str, Any]:
    moves = [move_row(differences, move) for move in differences.moves]
    return {
        "peildatumA": differences.day_a,
        "peildatumB": differences.day_b,
        "peildatum": differences.day,
        "a": partition_out(differences.a),
        "b": partition_out(differences.b),
        "soorten": {kind: str(DIFFERENCES[kind]) for kind in KINDS},
        "aantallen": {kind: sum(1 for m in moves if m["soort"] == kind) for kind in KINDS},
        "tegenhangers": [
            {
                "regio": row.region.key,
                "naam": row.region.name,
                "tegenhanger": _key(row.counterpart),
                "tegenhangerNaam": _name(row.counterpart),
                "gedeeld": row.shared,
                "aantalGemeenten": row.size,
            }
            for row in differences.counterparts
        ],
        "gemeenten": moves,
        "grenzen": [
            {
                "klasse": cls,
                "naam": str(BORDERS[cls]),
                "aantalParen": n,
                "geometrie": json.loads(geojson) if geojson else None,
            }
            for cls, n, geojson in differences.borders
        ],
    }


class CongruenceDifferencesView(_PartitionsView):
    parameters = (*PARTITIONS, *SIDE_DAYS)
    download_name = "verschillen"

    @extend_schema(**cdocs.DIFFERENCES)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection | Item:
        a, b = self.partitions(days=("day_a", "day_b"))
        differences = partitions_differences(
            a=a,
            b=b,
            day_a=self.params.get("day_a") or today(),
            day_b=self.params.get("day_b") or today(),
        )
        if wants_table(request):
            rows = [move_row(differences, move) for move in differences.moves]
            return Collection(name="verschillen", rows=rows, columns=MOVE_COLUMNS)
        return Item(name="verschillen", row=differences_out(differences))
