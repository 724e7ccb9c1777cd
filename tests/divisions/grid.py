"""A small world for the congruence tests, on the test grid near Utrecht (tests/factories.square;
a cell is 0.05 x 0.05 degrees, south-west corner (5.0 + 0.05*col, 52.0 + 0.05*row)):

    row 1 |  m01 GM7001 | m11 GM7011 | m21 GM7021 |
    row 0 |  m00 GM7000 | m10 GM7010 | m20 GM7020 |
             province PV26 (cols 0-1) | PV27 (col 2)

Divisions (regions and their municipalities):
- ``veiligheidsregios`` (A): VR-West = m00 m01 m10, VR-Oost = m11 m20 m21
- ``ggd-regios`` (B): GGD-West = m00 m01, GGD-Midden = m10 m11, GGD-Oost = m20 m21
- ``halve-indeling``: Half = m00 m10 (the others are in no region)
- ``overlap-indeling``: O1 = m00 m01 m10 m11, O2 = m00 m20 m21 (m00 in both: the region with
  the lowest id wins, O1)
- ``veiligheidsregios`` has an earlier version (2016-01-01 to 2024-01-01) with one region,
  Oud = all six: in force on an earlier peildatum only (docs/adr/0007-divisions-through-time.md)
- in ``ggd-regios`` also GGD-Gestopt (m00), which ended on 2020-01-01, and a membership of m21
  in GGD-West that ended on 2020-01-01: neither counts today.
- a BRE run (finished, the default): cluster 1 "West" = m00 m01 m10 m11, 2 "Oost" = m20 m21.

Hand-computed, A against B: contingency [[2, 1, 0], [0, 1, 2]]; pairs together in both 2, in
A 6, in B 3, of 15: ARI = (2 - 6*3/15) / ((6+3)/2 - 6*3/15) = 0.8 / 3.3. Both regions of A are
doorsnijdend (VR-West has m10 on the wrong side, VR-Oost m11). Of the seven pairs of
neighbours, A keeps m00-m10 and m11-m21 together and B does not; B keeps m10-m11 together and
A does not. Borders: m10|m20 and m01|m11 are borders of both, m10|m11 of A only, m00|m10 and
m11|m21 of B only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache

from collaborations.clustering.models import (
    ClusterAssignment,
    ClusteringRun,
    ClusterResult,
    RunStatus,
)
from collaborations.core.choices import DivisionKind
from collaborations.geography.services.coverage import boundaries_clean_coverage
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    ArrangementFactory,
    DivisionFactory,
    DivisionVersionFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)

ENDED = datetime.date(2020, 1, 1)
ARI_A_B = 0.8 / 3.3

DIVISIONS = {
    "veiligheidsregios": (
        "Veiligheidsregio's",
        DivisionKind.SAMENWERKING,
        {"VR-West": ["m00", "m01", "m10"], "VR-Oost": ["m11", "m20", "m21"]},
    ),
    "ggd-regios": (
        "GGD-regio's",
        DivisionKind.SAMENWERKING,
        {"GGD-West": ["m00", "m01"], "GGD-Midden": ["m10", "m11"], "GGD-Oost": ["m20", "m21"]},
    ),
    "halve-indeling": ("Halve indeling", DivisionKind.STATISTISCH, {"Half": ["m00", "m10"]}),
    "overlap-indeling": (
        "Overlappende indeling",
        DivisionKind.RIJKSINDELING,
        {"O1": ["m00", "m01", "m10", "m11"], "O2": ["m00", "m20", "m21"]},
    ),
}
V2016, V2024 = datetime.date(2016, 1, 1), datetime.date(2024, 1, 1)


@dataclass
class Grid:
    m: dict = field(default_factory=dict)  # "m00" -> Municipality
    regions: dict = field(default_factory=dict)  # region name -> Arrangement
    divisions: dict = field(default_factory=dict)  # slug -> Division
    run: ClusteringRun | None = None

    def code(self, key: str) -> str:
        return self.m[key].code

    def id(self, key: str) -> int:
        return self.m[key].pk


def _municipalities(grid: Grid) -> None:
    provinces = {
        "PV26": ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=2)),
        "PV27": ProvinceFactory(code="PV27", name="Noord-Holland", geom=square(2, 0, size=2)),
    }
    for col in range(3):
        for row in range(2):
            key = f"m{col}{row}"
            grid.m[key] = MunicipalityFactory(
                code=f"GM70{col}{row}",
                name=f"Gemeente {col}-{row}",
                province=provinces["PV26" if col < 2 else "PV27"],
                geom=square(col, row),
            )
            MunicipalityBoundaryFactory(municipality=grid.m[key], year=2024)


def _divisions(grid: Grid) -> None:
    for slug, (name, kind, regions) in DIVISIONS.items():
        division = DivisionFactory(slug=slug, name=name, kind=kind)
        DivisionVersionFactory(division=division, valid_from=V2024)
        grid.divisions[slug] = division
        for number, (region_name, members) in enumerate(regions.items(), start=1):
            region = ArrangementFactory(
                slug=f"{slug}-{region_name.lower()}",
                name=region_name,
                division=division,
                region_code=f"{slug[:2].upper()}{number:02d}",
            )
            grid.regions[region_name] = region
            for key in members:
                MembershipFactory(arrangement=region, municipality=grid.m[key])
    _earlier_version(grid)
    gone = ArrangementFactory(
        slug="ggd-gestopt", name="GGD-Gestopt", division=grid.divisions["ggd-regios"]
    )
    gone.end_date = ENDED
    gone.save()
    MembershipFactory(arrangement=gone, municipality=grid.m["m00"])
    MembershipFactory(
        arrangement=grid.regions["GGD-West"], municipality=grid.m["m21"], valid_to=ENDED
    )


def _earlier_version(grid: Grid) -> None:
    """The 2016 version of the veiligheidsregio's: one region of all six, ended in 2024; the
    2024 regions start then."""
    division = grid.divisions["veiligheidsregios"]
    DivisionVersionFactory(division=division, valid_from=V2016)
    old = ArrangementFactory(
        slug="veiligheidsregios-oud",
        name="Oud",
        division=division,
        region_code="VE99",
        start_date=V2016,
        end_date=V2024,
    )
    grid.regions["Oud"] = old
    for municipality in grid.m.values():
        MembershipFactory(
            arrangement=old, municipality=municipality, valid_from=V2016, valid_to=V2024
        )
    for name in ("VR-West", "VR-Oost"):
        region = grid.regions[name]
        region.start_date = V2024
        region.save(update_fields=["start_date"])
        region.memberships.update(valid_from=V2024)


def _run(grid: Grid) -> None:
    run = ClusteringRun.objects.create(
        parameters={}, status=RunStatus.SUCCEEDED, progress=100, is_default=True
    )
    clusters = {"West": ["m00", "m01", "m10", "m11"], "Oost": ["m20", "m21"]}
    for number, (label, members) in enumerate(clusters.items(), start=1):
        cluster = ClusterResult.objects.create(
            run=run, number=number, label=label, municipality_count=len(members)
        )
        for key in members:
            ClusterAssignment.objects.create(
                run=run, municipality=grid.m[key], cluster=cluster, stability=1.0
            )
    grid.run = run


def build_grid() -> Grid:
    cache.clear()
    grid = Grid()
    _municipalities(grid)
    lineage_rebuild()
    boundaries_clean_coverage()
    _divisions(grid)
    _run(grid)
    cache.clear()
    return grid
