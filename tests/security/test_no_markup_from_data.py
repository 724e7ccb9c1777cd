"""No markup from data, anywhere, in a real browser: a theme and a municipality named
``<img src=x onerror=window.__x=1>``, an arrangement and BRE cluster labels with
``<script>window.__y=1</script>``, shown on every page and layer that shows them (map legend,
tooltips, panel, table, search, profiles, statistics, registration, history, admin). Each page
shows the markup as text, runs none of it, sends the enforced Content-Security-Policy, reports
no CSP violation and has no serious accessibility finding.

Dataset: four municipalities in a 2 x 2 block of grid cells near Utrecht (tests/factories.py
``square``); footprints, tiles and a BRE run made by the domain services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from collaborations.accounts.choices import EditorRole
from collaborations.arrangements.models import Theme
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.clustering.models import ClusterResult
from collaborations.clustering.services import clustering_run_create, clustering_run_execute
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.registration.selectors.states import arrangement_state
from collaborations.registration.services.accounts import user_role_set
from collaborations.registration.services.submissions import registration_submit
from collaborations.tiles.services import tile_geometry_rebuild
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)
from tests.harness.browser import axe_violations, only_site

from .test_headers import assert_policy

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
IMG = "<img src=x onerror=window.__x=1>"
SCRIPT = "<script>window.__y=1</script>"
PASSWORD = "Lang-en-geheim-wachtwoord-7"
BRE = {
    "filters": {"include_divisions": False},
    "weighting": "count",
    "algorithm": "leiden",
    "resolution": 1.0,
    "seed": 1,
    "repetitions": 3,
    "split_contiguous": False,
}
#: Collects every CSP violation the page reports (installed before any page script runs).
VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def hostile(live):
    """The dataset with markup in its names (committed: the live site reads it)."""
    cache.clear()
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=2))
    cells = {}
    for col in range(2):
        for row in range(2):
            name = IMG if (col, row) == (0, 0) else f"Vierkant {col}-{row}"
            municipality = MunicipalityFactory(
                code=f"GM7{col}{row}0", name=name, province=province, geom=square(col, row)
            )
            MunicipalityBoundaryFactory(municipality=municipality, year=2024)
            cells[col, row] = municipality
    theme = Theme.objects.create(slug="gevaarlijk", name=IMG, name_en=IMG, domain="fysiek")
    wonen = Theme.objects.get(slug="wonen")
    groups = {
        SCRIPT: [(0, 0), (1, 0)],
        "Verband West": [(0, 0), (0, 1)],
        "Verband Oost": [(1, 0), (1, 1)],
        "Verband Noord": [(0, 1), (1, 1)],
    }
    arrangements = {}
    for i, (name, members) in enumerate(groups.items()):
        arrangement = ArrangementFactory(
            name=name, slug=f"verband-{i}", themes=[theme] if name == SCRIPT else [wonen]
        )
        for key in members:
            MembershipFactory(arrangement=arrangement, municipality=cells[key])
        arrangements[name] = arrangement
    lineage_rebuild()
    arrangement_footprints_recompute()
    tile_geometry_rebuild()
    run = clustering_run_execute(
        run_id=clustering_run_create(parameters=BRE, enqueue=False).pk, make_default=True
    )
    assert run.status == "succeeded"
    for cluster in ClusterResult.objects.filter(run=run):
        cluster.label = f"{SCRIPT} {cluster.number}"
        cluster.save(update_fields=["label"])
    users = _accounts(cells)
    own = arrangements[SCRIPT]
    state = arrangement_state(arrangement_id=own.pk)
    registration_submit(  # a revision for the history, with markup in its reason
        by=users["moderator"],
        state=dict(state, description=SCRIPT),
        reason=SCRIPT,
        arrangement=own,
        expected_version=1,
    )
    suggestion = registration_submit(  # a submission for the review queue
        by=users["gemeente"],
        state=dict(state, name=f"{SCRIPT} nieuw", members=state["members"]),
        reason=IMG,
    )
    cache.clear()
    return {"arrangement": own, "cells": cells, "submission": suggestion.submission}


def _accounts(cells) -> dict:
    model = get_user_model()
    moderator = model.objects.create_user(username="moderator", password=PASSWORD)
    user_role_set(user=moderator, role=EditorRole.MODERATOR, organisation_label=SCRIPT)
    editor = model.objects.create_user(username="gemeente", password=PASSWORD, first_name=IMG)
    user_role_set(user=editor, role=EditorRole.MUNICIPAL_EDITOR, municipalities=[cells[0, 0]])
    return {"moderator": moderator, "gemeente": editor}


@pytest.fixture
def page(browser, live):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15000)
    only_site(context, live.url)
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def visit(page, url: str, *, nonce: bool = False) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert_policy(response.headers["content-security-policy"], nonce=nonce)


def assert_inert(page, *texts: str) -> None:
    """The markup is on the page as text and did nothing."""
    body = page.locator("body").inner_text()
    for text in texts:
        assert text in body, (page.url, text)
    assert page.evaluate("() => [typeof window.__x, typeof window.__y]") == ["undefined"] * 2
    assert page.locator("img[src=x]").count() == 0, page.url
    # no script element of the data's making; data in json_script stays JSON (escaped < and >)
    assert not page.evaluate(
        "() => [...document.scripts].some(s => s.type !== 'application/json'"
        " && s.text.includes('window.__y'))"
    ), page.url
    assert page.locator("script[type='application/json']", has_text="window.__y").count() == 0 or (
        "<script>" not in page.content().split("application/json", 1)[-1].split("</script>", 1)[0]
    )
    assert page.evaluate("() => window.__csp") == [], page.url
    assert page.errors == [], page.url
    assert axe_violations(page) == [], page.url


def open_atlas(page, live, query: str) -> None:
    visit(page, f"{live.url}/?{query}")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)


def tooltip_of(page, pane: str, wanted: str) -> str:
    paths = page.locator(f".leaflet-{pane}-pane path.leaflet-interactive")
    paths.first.wait_for()
    for i in range(paths.count()):
        paths.nth(i).hover(force=True)
        tip = page.locator(".leaflet-tooltip")
        if tip.count() and wanted in tip.last.inner_text():
            return tip.last.inner_text()
    raise AssertionError(f"no tooltip in {pane} with {wanted!r}")


def test_the_map_legend_tooltips_panel_table_and_search(page, live, hostile):
    # legend of the areas filled by theme (display mode Vlak), municipality tooltips
    open_atlas(page, live, "lagen=gemeenten,gebieden&stijl=thema&modus=vlak")
    page.locator(".legend", has_text=IMG).wait_for()
    assert IMG in tooltip_of(page, "gemeenten", IMG)
    assert_inert(page, IMG)
    # display mode Grenzen: the arrangements' names in the legend and as outline labels
    open_atlas(page, live, "lagen=gemeenten,gebieden&kaart=10/52.03/5.05")
    page.locator(".legend button", has_text=SCRIPT).wait_for()
    page.locator(".outline-label", has_text=SCRIPT).first.wait_for()
    assert_inert(page, SCRIPT)
    # BRE clusters: tooltips, legend and table
    open_atlas(page, live, "lagen=gemeenten,bre")
    assert SCRIPT in tooltip_of(page, "bre", SCRIPT)
    page.locator("#weergave-tabel").click()
    page.locator("[data-table=bre] tbody tr", has_text=SCRIPT).first.wait_for()
    assert_inert(page, SCRIPT)
    # search suggestions and the municipality's panel
    open_atlas(page, live, "")
    page.fill("#zoek", "img")
    option = page.locator("#zoek-lijst [role=option]", has_text=IMG)
    option.first.wait_for()
    page.fill("#zoek", "script")
    page.locator("#zoek-lijst [role=option]", has_text=SCRIPT).first.wait_for()
    page.fill("#zoek", "img")
    page.locator("#zoek-lijst [role=option]", has_text=IMG).first.click()
    page.locator("#panel", has_text=SCRIPT).wait_for()
    assert_inert(page, IMG, SCRIPT)
    # the table of arrangements
    open_atlas(page, live, "weergave=tabel")
    page.locator("[data-table=samenwerkingsverbanden] tbody th", has_text=SCRIPT).wait_for()
    assert_inert(page, SCRIPT)


def test_profiles_and_statistics(page, live, hostile):
    arrangement = hostile["arrangement"]
    visit(page, f"{live.url}/samenwerkingsverbanden/{arrangement.pk}-{arrangement.slug}")
    assert page.locator("h1").inner_text() == SCRIPT
    page.wait_for_selector("html[data-small-map-ready]")
    assert_inert(page, SCRIPT, IMG)
    visit(page, f"{live.url}/gemeenten/{hostile['cells'][0, 0].code}")
    page.wait_for_selector("html[data-small-map-ready]")
    assert_inert(page, IMG, SCRIPT)
    visit(page, f"{live.url}/statistieken")
    assert_inert(page, IMG)


def test_registration_history_and_admin(page, live, hostile):
    visit(page, f"{live.url}/account/inloggen")
    assert_inert(page)
    page.fill("#id_username", "moderator")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/registratie")
    arrangement, submission = hostile["arrangement"], hostile["submission"]
    pages = {
        "/registratie": [],
        "/registratie/beoordelen": [SCRIPT],
        f"/registratie/inzendingen/{submission.pk}": [SCRIPT, IMG],
        f"/registratie/samenwerkingsverbanden/{arrangement.pk}/geschiedenis": [SCRIPT],
        f"/registratie/samenwerkingsverbanden/{arrangement.pk}/wijzigen": [IMG],
        "/account/api-token": [],
        "/registratie/vergrendelingen": [],
    }
    for path, texts in pages.items():
        visit(page, live.url + path)
        page.wait_for_load_state("networkidle")
        assert_inert(page, *texts)
    # the edit form holds the name as a value, not as markup
    visit(page, f"{live.url}/registratie/samenwerkingsverbanden/{arrangement.pk}/wijzigen")
    assert page.locator("#id_name").input_value() == SCRIPT
    # the admin (django-leaflet's inline map script runs with the page's nonce)
    admin_pages = {  # path: (texts, a map with django-leaflet's inline script)
        "/admin/collaborations/theme/": ([IMG], False),
        f"/admin/collaborations/arrangement/{arrangement.pk}/change/": ([SCRIPT], True),
    }
    for path, (texts, nonce) in admin_pages.items():
        visit(page, live.url + path, nonce=nonce)
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        assert all(text in body for text in texts), path
        assert page.evaluate("() => [typeof window.__x, typeof window.__y]") == ["undefined"] * 2
        assert page.evaluate("() => window.__csp") == [], path
    page.locator("#footprint-map path.leaflet-interactive").first.wait_for()
