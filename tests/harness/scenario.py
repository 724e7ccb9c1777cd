"""The scenario: one dataset for every browser test (tests/browser), built from
tests/factories.py, plus the accounts of every role.

Where it lies: six municipalities in a 3 x 2 block of the test grid near Utrecht
(tests/factories.square: cells of 0.05 x 0.05 degrees, about 3.4 x 5.6 km, south-west corner
(5.0 + 0.05*col, 52.0 + 0.05*row) in WGS84), so lon 5.00-5.15, lat 52.00-52.10, south-west of
the city of Utrecht; neighbouring cells share an edge exactly::

    row 1 | Vierkant 0-1 GM8010 | Vierkant 1-1 GM8110 | Vierkant 2-1 GM8210 |
    row 0 | Vierkant 0-0 GM8000 | Vierkant 1-0 GM8100 | Vierkant 2-0 GM8200 |
            province PV26 "Utrecht" (cols 0-1)        | PV27 "Noord-Holland" (col 2)

Arrangements, one of every legal form family (members by cell; form; themes):

- ``gr-west`` GR West: (0,0) (0,1); Wgr openbaar lichaam, mandatory; afval
- ``gr-oost`` GR Oost: (2,0) (2,1); Wgr bedrijfsvoeringsorganisatie, mandatory; jeugd
- ``netwerk-west`` Netwerk West: (0,0) (1,0); netwerk, convenant; wonen
- ``netwerk-alles`` Netwerk Alles: all six; netwerk; wonen, mobiliteit
- ``stichting-midden`` Stichting Midden: (1,0) (1,1); privaatrechtelijk, stichting; economie
- ``nieuw-verband`` Nieuw Verband: (1,1) (2,1); netwerk, no form; energietransitie; since 2020
- ``veiligheidsregio-test`` Veiligheidsregio Test: all six; the one region (VR99) of the
  division ``test-veiligheidsregios`` "Veiligheidsregio's"; Wgr, mandatory; veiligheid

So the centre of cell (0, 0) (``CELL_00``) lies in GR West, Netwerk West, Netwerk Alles and the
region; every arrangement has the description "Beschrijving van <name>." and no website.
Footprints and tile geometry are made by the domain services, so the vector tiles render.

Accounts, one per role of tests/harness/accounts.py (``ROLES``; password ``PASSWORD``):
``bezoeker`` (no role), ``gemeente`` (municipal editor of Vierkant 1-0), ``secretariaat``
(secretariat editor of Netwerk West), ``moderator`` and ``beheerder`` (administrator, with the
admin site). The municipal and the secretariat editor may both change ``own`` (Netwerk West)
directly; for ``other`` (GR Oost, without Vierkant 1-0) the municipal editor may only
suggest a change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from collaborations.accounts.choices import EditorRole
from collaborations.arrangements.models import Theme
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.core.choices import LegalForm, LegalFormFamily
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.tiles.services import tile_geometry_rebuild
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
from tests.harness.accounts import make_user

#: The map at zoom 11 on the centre of cell (0, 0) (``kaart=`` of the atlas).
CELL_00 = "11/52.025/5.025"

#: (slug, name, family, form, mandatory, themes, cells (col, row) or "all", start)
ARRANGEMENTS = [
    ("gr-west", "GR West", "wgr", LegalForm.OPENBAAR_LICHAAM, True, ["afval"],
     [(0, 0), (0, 1)], None),
    ("gr-oost", "GR Oost", "wgr", LegalForm.BEDRIJFSVOERINGSORGANISATIE, True, ["jeugd"],
     [(2, 0), (2, 1)], None),
    ("netwerk-west", "Netwerk West", "netwerk", LegalForm.CONVENANT, False, ["wonen"],
     [(0, 0), (1, 0)], None),
    ("netwerk-alles", "Netwerk Alles", "netwerk", LegalForm.NETWERK, False,
     ["wonen", "mobiliteit"], "all", None),
    ("stichting-midden", "Stichting Midden", "privaatrechtelijk", LegalForm.STICHTING, False,
     ["economie"], [(1, 0), (1, 1)], None),
    ("nieuw-verband", "Nieuw Verband", "netwerk", "", False, ["energietransitie"],
     [(1, 1), (2, 1)], datetime.date(2020, 1, 1)),
]  # fmt: skip


def cell_code(col: int, row: int) -> str:
    """The CBS code of the municipality in cell (col, row): GM8<col><row>0."""
    return f"GM8{col}{row}0"


@dataclass
class Scenario:
    cells: dict[tuple[int, int], Any]  # (col, row) -> Municipality
    arrangements: dict[str, Any]  # slug -> Arrangement (the division's region included)
    division: Any
    users: dict[str, Any]  # role (tests/harness/accounts.ROLES) -> user; "anoniem": None
    own: Any  # Netwerk West: the municipal and the secretariat editor edit it directly
    other: Any  # GR Oost: the municipal editor may only suggest a change


def build() -> Scenario:
    """The scenario in the database (commit it for the live site: the ``live`` fixture's
    transactional test does)."""
    cache.clear()
    cells = _municipalities()
    arrangements = _arrangements(cells)
    division = DivisionFactory(slug="test-veiligheidsregios", name="Veiligheidsregio's")
    DivisionVersionFactory(division=division, valid_from=datetime.date(2015, 1, 1))
    region = ArrangementFactory(
        slug="veiligheidsregio-test",
        name="Veiligheidsregio Test",
        legal_form_family=LegalFormFamily.WGR,
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        is_mandatory=True,
        division=division,
        region_code="VR99",
        themes=[Theme.objects.get(slug="veiligheid")],
    )
    for municipality in cells.values():
        MembershipFactory(arrangement=region, municipality=municipality, role="deelnemer")
    arrangements[region.slug] = region
    lineage_rebuild()
    arrangement_footprints_recompute()
    tile_geometry_rebuild()
    own, other = arrangements["netwerk-west"], arrangements["gr-oost"]
    users = _accounts(editor_of=cells[1, 0], secretariat_of=own)
    cache.clear()
    return Scenario(cells, arrangements, division, users, own, other)


def _municipalities() -> dict[tuple[int, int], Any]:
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=2))
    holland = ProvinceFactory(code="PV27", name="Noord-Holland", geom=square(2, 0, size=2))
    cells = {}
    for col in range(3):
        for row in range(2):
            municipality = MunicipalityFactory(
                code=cell_code(col, row),
                name=f"Vierkant {col}-{row}",
                province=utrecht if col < 2 else holland,
                geom=square(col, row),
            )
            MunicipalityBoundaryFactory(municipality=municipality, year=2024)
            cells[col, row] = municipality
    return cells


def _arrangements(cells: dict[tuple[int, int], Any]) -> dict[str, Any]:
    themes = {t.slug: t for t in Theme.objects.all()}
    arrangements = {}
    for slug, name, family, form, mandatory, theme_slugs, members, start in ARRANGEMENTS:
        arrangement = ArrangementFactory(
            slug=slug,
            name=name,
            legal_form_family=family,
            legal_form=form,
            is_mandatory=mandatory,
            start_date=start,
            description=f"Beschrijving van {name}.",
            themes=[themes[s] for s in theme_slugs],
        )
        for key in cells if members == "all" else members:
            MembershipFactory(arrangement=arrangement, municipality=cells[key])
        arrangements[slug] = arrangement
    return arrangements


def _accounts(*, editor_of: Any, secretariat_of: Any) -> dict[str, Any]:
    return {
        "anoniem": None,
        "zonder-rol": make_user("bezoeker"),
        "gemeente": make_user(
            "gemeente",
            EditorRole.MUNICIPAL_EDITOR,
            municipalities=[editor_of],
            organisation_label=f"Gemeente {editor_of.name}",
        ),
        "secretariaat": make_user(
            "secretariaat", EditorRole.SECRETARIAT_EDITOR, arrangements=[secretariat_of]
        ),
        "moderator": make_user("moderator", EditorRole.MODERATOR, organisation_label="BZK"),
        "beheerder": make_user("beheerder", EditorRole.ADMINISTRATOR),
    }
