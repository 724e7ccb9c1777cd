"""An accessibility scan (axe-core: no serious or critical violations) of every page: the
atlas (map with "what is here?", table view), the profiles, the statistics, the
registration pages (login, new, with errors, edit, review, history, import, API token,
dashboard, submission and its revision, queue, password pages), and the admin's map.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements, one account
per role)."""

from __future__ import annotations

import pytest

from collaborations.registration.services.submissions import registration_submit
from tests.harness.atlas import open_atlas
from tests.harness.browser import axe_violations
from tests.harness.registration import arrangement_state
from tests.harness.registration_form import url
from tests.harness.scenario import CELL_00, cell_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accessibility_scan(page, live, scenario):
    open_atlas(page, live, f"kaart={CELL_00}&lagen=gemeenten,provincies,gebieden")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("#panel").get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    assert axe_violations(page) == []
    page.locator("#weergave-tabel").click()
    page.wait_for_selector("[data-table=samenwerkingsverbanden] table")
    assert axe_violations(page) == []
    page.goto(f"{live.url}/gemeenten/{cell_code(0, 0)}")
    assert axe_violations(page) == []
    arrangement = scenario.arrangements["netwerk-alles"]
    page.goto(f"{live.url}/samenwerkingsverbanden/{arrangement.pk}-{arrangement.slug}")
    assert axe_violations(page) == []
    page.goto(f"{live.url}/statistieken")
    assert axe_violations(page) == []


def _open_registration_page(page, live, scenario, page_name: str) -> None:
    if page_name in ("create", "create-errors"):
        page.goto(url(live, "registration:create"))
        if page_name == "create-errors":
            page.fill("#id_kvk_number", "12")
            page.click(".form-actions button")
            page.wait_for_selector("#error-summary")
    elif page_name == "edit":
        page.goto(url(live, "registration:edit", scenario.own.pk))
        page.wait_for_selector("#preview-map path.leaflet-interactive")
    elif page_name == "review":
        # a new arrangement of the municipal editor's Vierkant 1-0 and two others
        codes = [cell_code(1, 0), cell_code(1, 1), cell_code(2, 0)]
        outcome = registration_submit(
            by=scenario.users["gemeente"], state=arrangement_state(codes=codes), reason="test"
        )
        page.goto(url(live, "registration:submission", outcome.submission.pk))
    else:
        pages = {
            "login": ("registration:login",),
            "history": ("registration:history", scenario.own.pk),
            "import": ("registration:import",),
            "token": ("registration:api-token",),
        }
        page.goto(url(live, *pages[page_name]))


@pytest.mark.parametrize(
    "page_name",
    ["login", "create", "create-errors", "edit", "review", "history", "import", "token"],
)
def test_forms_have_no_serious_accessibility_violations(open_page, live, scenario, page_name):
    user = None if page_name == "login" else scenario.users["moderator"]
    page = open_page(user)
    _open_registration_page(page, live, scenario, page_name)
    assert axe_violations(page) == []
    assert not page.errors


@pytest.mark.parametrize(
    ("role", "page_name"),
    [
        ("gemeente", "registration:dashboard"),
        ("gemeente", "registration:submission"),
        ("gemeente", "registration:submission-revise"),
        ("moderator", "registration:queue"),
        ("moderator", "registration:password_change"),
        ("anoniem", "registration:password_reset"),
        ("beheerder", "admin:collaborations_municipality_map"),
    ],
)
def test_every_other_page_has_no_serious_accessibility_violations(
    open_page, live, scenario, role, page_name
):
    """The pages above as the role that uses them sees them: the submitter's dashboard (with
    an open submission), the submission and its revision, the review queue, the password
    pages and the admin's map of the municipalities."""
    codes = [cell_code(1, 0), cell_code(1, 1), cell_code(2, 0)]
    outcome = registration_submit(
        by=scenario.users["gemeente"], state=arrangement_state(codes=codes), reason="test"
    )
    args = (outcome.submission.pk,) if page_name.startswith("registration:submission") else ()
    page = open_page(scenario.users[role])
    page.goto(url(live, page_name, *args))
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert not page.errors
