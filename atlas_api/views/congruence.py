"""Congruence between two partitions of the municipalities (docs/congruence.md): the comparison
of A and B (JSON; the table per region or per municipality as CSV and XLSX), the matrix of
every pair of divisions in force, and the borders of A and B classified in PostGIS (GeoJSON).

A partition that does not exist on the peildatum is a 422 naming ``a`` or ``b`` (the value
matches the document, the data refuses it: docs/adr/0005-parameters-declared-once.md); a malformed one a 400."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.clustering.selectors.partitions import partition_get
from collaborations.clustering.selectors.runs import clustering_runs_last_change
from collaborations.divisions.congruence.compare import (
    IN_A,
    IN_B,
    Comparison,
    NothingToCompareError,
    partitions_compare,
)
from collaborations.divisions.congruence.labels import BORDERS, MEASURES
from collaborations.divisions.congruence.matrix import congruence_matrix
from collaborations.divisions.congruence.partitions import Partition, PartitionNotFoundError
from collaborations.divisions.measures import COINCIDING, CROSSING, WITHIN, Measures
from collaborations.geography.selectors.borders import border_classes
from collaborations.geography.selectors.validity import today

from .. import docs_congruence as cdocs
from ..collection import Collection, Item
from ..conditional import CACHE_CONTROL, current_version, read_etag
from ..exceptions import Unprocessable
from ..params import PEILDATUM
from ..params.congruence import PARTITIONS, TABLE
from ..renderers import wants_table
from .base import ReadView

DIGITS = 6
REGION_COLUMNS = [
    "regio", "naam", "regiocode", "klasse", "aantalGemeenten", "raakt", "verkeerdeKant",
]  # fmt: skip
MUNICIPALITY_COLUMNS = [
    "code", "naam", "regioA", "regioANaam", "regioB", "regioBNaam", "burenSamenInA",
    "burenSamenInB",
]  # fmt: skip
PAIR_COLUMNS = [
    "a", "b", "aantalGemeenten", "ari", "nmi", "vi", "homogeniteit", "volledigheid",
]  # fmt: skip


def measures_out(measures: Measures) -> dict[str, float]:
    return {name: round(getattr(measures, attr), DIGITS) for name, attr, *_ in MEASURES}


def partition_out(partition: Partition) -> dict[str, Any]:
    return {
        "verwijzing": partition.ref,
        "naam": partition.name,
        "soort": partition.kind,
        "aantalRegios": len(set(partition.labels.values())),
        "aantalGemeenten": partition.municipality_count,
        "inMeerdereRegios": partition.multiple,
    }


def _region_rows(comparison: Comparison) -> list[dict[str, Any]]:
    names = comparison.municipalities
    return [
        {
            "regio": fit.region.key,
            "naam": fit.region.name,
            "regiocode": fit.region.code or None,
            "klasse": fit.fit,
            "aantalGemeenten": fit.size,
            "raakt": [
                {"regio": region.key, "naam": region.name, "aantalGemeenten": n}
                for region, n in fit.touches
            ],
            "verkeerdeKant": [{"code": names[m][0], "naam": names[m][1]} for m in fit.outside],
        }
        for fit in comparison.fits
    ]


def _municipality_rows(comparison: Comparison) -> list[dict[str, Any]]:
    names, a, b = comparison.municipalities, comparison.a, comparison.b
    rows = []
    for municipality in comparison.compared:
        separated = comparison.separations.get(municipality, [])
        rows.append(
            {
                "code": names[municipality][0],
                "naam": names[municipality][1],
                "regioA": a.labels[municipality],
                "regioANaam": a.regions[a.labels[municipality]].name,
                "regioB": b.labels[municipality],
                "regioBNaam": b.regions[b.labels[municipality]].name,
                "burenSamenInA": sorted(names[n][0] for n, side in separated if side == IN_A),
                "burenSamenInB": sorted(names[n][0] for n, side in separated if side == IN_B),
            }
        )
    return rows


def comparison_out(comparison: Comparison) -> dict[str, Any]:
    regions = _region_rows(comparison)
    return {
        "peildatum": comparison.day,
        "a": partition_out(comparison.a),
        "b": partition_out(comparison.b),
        "aantalGemeenten": len(comparison.compared),
        "weggelaten": {
            "alleenInA": comparison.only_a,
            "alleenInB": comparison.only_b,
            "inGeen": comparison.neither,
        },
        "maten": measures_out(comparison.measures),
        "uitleg": [
            {"maat": name, "naam": str(label), "betekenis": str(meaning)}
            for name, _attr, label, meaning in MEASURES
        ],
        "klassen": {
            fit: sum(1 for r in regions if r["klasse"] == fit)
            for fit in (WITHIN, COINCIDING, CROSSING)
        },
        "regios": regions,
        "gemeenten": _municipality_rows(comparison),
    }


def _table_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nested lists as text for a table: regions as "name (n)", municipalities by code."""
    flat = []
    for row in rows:
        row = dict(row)
        if "raakt" in row:
            row["raakt"] = [f"{r['naam']} ({r['aantalGemeenten']})" for r in row["raakt"]]
            row["verkeerdeKant"] = [m["code"] for m in row["verkeerdeKant"]]
        flat.append(row)
    return flat


class _PartitionsView(ReadView):
    """Reads of two partitions ``a`` and ``b`` on ``peildatum``. The ETag also names the
    state of the BRE runs when a partition is one."""

    has_geometry = False

    def validators(self, request: Request, **kwargs) -> tuple[str, Any, str]:
        version, changed_at = current_version()
        if any(self.params.get(k, "").startswith("bre:") for k in ("a", "b")):
            latest = clustering_runs_last_change()
            version = f"{version}|runs:{latest.timestamp() if latest else 0}"
        return read_etag(request._request, version), changed_at, CACHE_CONTROL

    def partitions(self, days: tuple[str, str] = ("day", "day")) -> tuple[Partition, Partition]:
        """Partitions ``a`` and ``b``, each on the day of its parameter in ``days`` (today
        when absent); one that does not exist is a 422 naming it."""
        found, problems = {}, {}
        for name, param in zip(("a", "b"), days, strict=True):
            day = self.params.get(param) or today()
            try:
                found[name] = partition_get(reference=self.params[name], day=day)
            except PartitionNotFoundError as exc:
                problems[name] = [str(exc)]
        if problems:
            raise Unprocessable(problems)
        return found["a"], found["b"]


class CongruenceView(_PartitionsView):
    parameters = (*PARTITIONS, PEILDATUM, TABLE)
    download_name = "congruentie"

    @extend_schema(**cdocs.COMPARISON)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection | Item:
        a, b = self.partitions()
        try:
            comparison = partitions_compare(a=a, b=b, day=self.params.get("day"))
        except NothingToCompareError as exc:
            raise Unprocessable({"a": [str(exc)], "b": [str(exc)]}) from exc
        if wants_table(request):
            if self.params["table"] == "gemeenten":
                rows, columns = _municipality_rows(comparison), MUNICIPALITY_COLUMNS
            else:
                rows, columns = _table_rows(_region_rows(comparison)), REGION_COLUMNS
            return Collection(name=self.params["table"], rows=rows, columns=columns)
        return Item(name="congruentie", row=comparison_out(comparison))


class CongruenceMatrixView(ReadView):
    has_geometry = False
    parameters = (PEILDATUM,)
    download_name = "congruentie-matrix"

    @extend_schema(**cdocs.MATRIX)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection | Item:
        day = self.params.get("day") or today()
        divisions, pairs = congruence_matrix(day=day)
        rows = [
            {
                "a": pair.a,
                "b": pair.b,
                "aantalGemeenten": pair.measures.municipalities,
                **measures_out(pair.measures),
            }
            for pair in pairs
        ]
        if wants_table(request):
            return Collection(name="paren", rows=rows, columns=PAIR_COLUMNS)
        row = {
            "peildatum": day,
            "indelingen": [
                {
                    "slug": d.slug,
                    "naam": d.name,
                    "jaar": d.year,
                    "soort": d.kind,
                    "aantalRegios": d.regions,
                    "aantalGemeenten": d.municipalities,
                    "inMeerdereRegios": d.multiple,
                }
                for d in divisions
            ],
            "paren": rows,
        }
        return Item(name="congruentie-matrix", row=row)


class CongruenceBorderView(_PartitionsView):
    has_geometry = True
    parameters = (*PARTITIONS, PEILDATUM)
    download_name = "congruentie-grenzen"

    @extend_schema(**cdocs.BORDERS)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        a, b = self.partitions()
        options = self.geometry_options(request)
        classes = border_classes(labels_a=a.labels, labels_b=b.labels, day=self.params.get("day"))
        rows = [
            {"klasse": cls, "naam": str(BORDERS[cls]), "aantalParen": n} for cls, n, _ in classes
        ]
        return Collection(
            name="grenzen",
            rows=rows,
            geometries=[geojson for *_, geojson in classes] if options.include else None,
            id_field="klasse",
            total=len(rows),
            columns=["klasse", "naam", "aantalParen"],
        )
