"""The two-communities fixture of the BRE tests (network, measures, clustering, runs, the BRE
API and the schemathesis run): a small world with two communities of municipalities joined by
one weak link.

The fixture lies on the test grid near Utrecht (tests/factories.square; a cell is 0.05 x 0.05
degrees, south-west corner (5.0 + 0.05*col, 52.0 + 0.05*row)):

    row 1 |  a3 GM9003 | a4 GM9004 | b3 GM9007 | b4 GM9008 |
    row 0 |  a1 GM9001 | a2 GM9002 | b1 GM9005 | b2 GM9006 |        (col 6, row 3: island)
             province PV26 (a*)   | province PV27 (b*)

Arrangements (municipal members; themes):
- A-all-1: a1 a2 a3 a4 (wonen, mobiliteit); A-all-2: a1 a2 a3 a4 (afval); A-pair: a1 a2 (jeugd)
- B-all-1: b1 b2 b3 b4 (wonen); B-all-2: b1 b2 b3 b4 (afval, jeugd); B-pair: b3 b4 (mobiliteit);
  B-trio: b1 b2 b3 (wonen, mobiliteit, afval)
- link: a2 b1 (economie): the one weak link, across the province border
- solo: a1 and province PV26 (one municipal member: no line)
- ended: a1 b4, ended on 2020-01-01 (not counted today)
- division ``testindeling`` (samenwerking): R1 = a1 a2 a3 a4 b1, R2 = b2 b3 b4
With ``island=True`` a ninth municipality i1 (GM9009, PV27) lies apart at (6, 3), with
i1-b4 in two arrangements (I-1, I-2) and i1-a1 in one (I-3)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from collaborations.arrangements.models import Arrangement, Theme
from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.core.choices import DivisionKind
from collaborations.geography.models import Municipality
from collaborations.geography.services.coverage import boundaries_clean_coverage
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    ArrangementFactory,
    DivisionFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)

CELLS = {
    "a1": (0, 0),
    "a2": (1, 0),
    "a3": (0, 1),
    "a4": (1, 1),
    "b1": (2, 0),
    "b2": (3, 0),
    "b3": (2, 1),
    "b4": (3, 1),
}
ARRANGEMENTS = {
    "A-all-1": (["a1", "a2", "a3", "a4"], ["wonen", "mobiliteit"]),
    "A-all-2": (["a1", "a2", "a3", "a4"], ["afval"]),
    "A-pair": (["a1", "a2"], ["jeugd"]),
    "B-all-1": (["b1", "b2", "b3", "b4"], ["wonen"]),
    "B-all-2": (["b1", "b2", "b3", "b4"], ["afval", "jeugd"]),
    "B-pair": (["b3", "b4"], ["mobiliteit"]),
    "B-trio": (["b1", "b2", "b3"], ["wonen", "mobiliteit", "afval"]),
    "link": (["a2", "b1"], ["economie"]),
    "solo": (["a1"], ["wonen"]),
}
ISLAND_ARRANGEMENTS = {
    "I-1": (["i1", "b4"], ["wonen"]),
    "I-2": (["i1", "b4"], ["afval"]),
    "I-3": (["i1", "a1"], ["jeugd"]),
}


@dataclass
class Fixture:
    m: dict[str, Municipality] = field(default_factory=dict)
    a: dict[str, Arrangement] = field(default_factory=dict)

    def code(self, key: str) -> str:
        return self.m[key].code


def add_arrangement(data: Fixture, key: str, members: list[str], themes: list[str], **extra):
    arrangement = ArrangementFactory(
        name=key, slug=key.lower(), themes=list(Theme.objects.filter(slug__in=themes)), **extra
    )
    for member in members:
        MembershipFactory(arrangement=arrangement, municipality=data.m[member])
    data.a[key] = arrangement
    return arrangement


def build_two_communities(*, island: bool = False) -> Fixture:
    data = Fixture()
    provinces = {
        "PV26": ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=2)),
        "PV27": ProvinceFactory(code="PV27", name="Noord-Holland", geom=square(2, 0, size=2)),
    }
    cells = dict(CELLS, **({"i1": (6, 3)} if island else {}))
    for number, (key, (col, row)) in enumerate(cells.items(), start=1):
        province = provinces["PV26" if key.startswith("a") else "PV27"]
        data.m[key] = MunicipalityFactory(
            code=f"GM90{number:02d}", name=key, province=province, geom=square(col, row)
        )
        MunicipalityBoundaryFactory(municipality=data.m[key], year=2024)
    lineage_rebuild()
    boundaries_clean_coverage()
    arrangements = dict(ARRANGEMENTS, **(ISLAND_ARRANGEMENTS if island else {}))
    for key, (members, themes) in arrangements.items():
        add_arrangement(data, key, members, themes)
    MembershipFactory(arrangement=data.a["solo"], municipality=None, province=provinces["PV26"])
    add_arrangement(
        data, "ended", ["a1", "b4"], ["wonen"],
        start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2020, 1, 1),
    )  # fmt: skip
    division = DivisionFactory(
        slug="testindeling", name="Testindeling", kind=DivisionKind.SAMENWERKING
    )
    add_arrangement(data, "R1", ["a1", "a2", "a3", "a4", "b1"], ["jeugd"], division=division)
    add_arrangement(data, "R2", ["b2", "b3", "b4"], ["jeugd"], division=division)
    return data


NO_DIVISIONS = ArrangementFilter(include_divisions=False)
