"""Browser tests of the atlas: Playwright (Python) driving Debian's chromium against the site
under gunicorn (the live-server harness, tests/harness, fixture ``live``).

The dataset (``atlas_data``) is built from tests/factories with fixed grid geometries near
Utrecht: six municipalities in a 3 x 2 block of ``square(col, row)`` cells (lon 5.00-5.15,
lat 52.00-52.10); columns 0-1 lie in PV26 "Utrecht", column 2 in PV27 "Noord-Holland". Footprints
and tile geometry are made by the domain services, so the vector tiles render."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from collaborations.arrangements.models import Theme
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.core.choices import LegalForm, LegalFormFamily
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.tiles.services import tile_geometry_rebuild
from tests.factories import (
    ArrangementFactory,
    DivisionFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)
from tests.harness.browser import axe_violations, only_site  # noqa: F401 - used by tests

#: (slug, name, family, form, mandatory, themes, cells (col, row), start)
ARRANGEMENTS = [
    (
        "gr-west",
        "GR West",
        "wgr",
        LegalForm.OPENBAAR_LICHAAM,
        True,
        ["afval"],
        [(0, 0), (0, 1)],
        None,
    ),
    (
        "gr-oost",
        "GR Oost",
        "wgr",
        LegalForm.BEDRIJFSVOERINGSORGANISATIE,
        True,
        ["jeugd"],
        [(2, 0), (2, 1)],
        None,
    ),
    (
        "netwerk-west",
        "Netwerk West",
        "netwerk",
        LegalForm.CONVENANT,
        False,
        ["wonen"],
        [(0, 0), (1, 0)],
        None,
    ),
    (
        "netwerk-alles",
        "Netwerk Alles",
        "netwerk",
        LegalForm.NETWERK,
        False,
        ["wonen", "mobiliteit"],
        "all",
        None,
    ),
    (
        "stichting-midden",
        "Stichting Midden",
        "privaatrechtelijk",
        LegalForm.STICHTING,
        False,
        ["economie"],
        [(1, 0), (1, 1)],
        None,
    ),
    (
        "nieuw-verband",
        "Nieuw Verband",
        "netwerk",
        "",
        False,
        ["energietransitie"],
        [(1, 1), (2, 1)],
        datetime.date(2020, 1, 1),
    ),
]


def cell_code(col: int, row: int) -> str:
    return f"GM8{col}{row}0"


@pytest.fixture
def atlas_data(transactional_db):
    """The dataset for the browser (committed: the live server reads it from its thread)."""
    return build_atlas()


def build_atlas() -> dict:
    """The six municipalities, six arrangements and one division region (veiligheidsregio)."""
    cache.clear()
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
    division = DivisionFactory(slug="test-veiligheidsregios", name="Veiligheidsregio's")
    region = ArrangementFactory(
        slug="veiligheidsregio-test",
        name="Veiligheidsregio Test",
        legal_form_family=LegalFormFamily.WGR,
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        is_mandatory=True,
        division=division,
        region_code="VR99",
        themes=[themes["veiligheid"]],
    )
    for key in cells:
        MembershipFactory(arrangement=region, municipality=cells[key], role="deelnemer")
    arrangements[region.slug] = region
    lineage_rebuild()
    arrangement_footprints_recompute()
    tile_geometry_rebuild()
    cache.clear()
    return {"cells": cells, "arrangements": arrangements, "division": division}


class PageErrors(list):
    def assert_none(self):
        assert not self, "\n".join(self)


@pytest.fixture
def page(browser, live):
    """A Dutch-speaking browser page; every request off the live server is aborted (this
    machine has no internet: the base map must fail gracefully)."""
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1400, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(10000)
    only_site(context, live.url)
    page = context.new_page()
    page.errors = PageErrors()
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def open_atlas(page, live, query: str = "") -> None:
    page.goto(f"{live.url}/{('?' + query) if query else ''}")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)
