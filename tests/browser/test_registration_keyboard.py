"""The registration form with the keyboard only: fill it in (search-as-you-type members, a row
added), submit it, and remove a member row.

Scenario: tests/harness/scenario.py (six squares near Utrecht; the municipal editor is of
Vierkant 1-0)."""

from __future__ import annotations

import pytest

from collaborations.registration.models import Submission
from tests.harness.browser import tab_to
from tests.harness.registration_form import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_form_can_be_completed_with_the_keyboard_only(open_page, live, scenario):
    page = open_page(scenario.users["gemeente"])
    page.goto(url(live, "registration:create"))
    keys = page.keyboard
    tab_to(page, "#id_name")
    keys.type("Toetsenbordregio")
    tab_to(page, "input[name=legal_form_family]")
    keys.press("Space")  # the first family: Wgr
    tab_to(page, "#id_legal_form")
    keys.press("ArrowDown")  # the first Wgr form
    tab_to(page, "input[name=is_mandatory]")
    keys.press("ArrowUp")  # from the checked "Onbekend" to "Nee, vrijwillig"
    tab_to(page, "input[name=themes][value=mobiliteit]")
    keys.press("Space")
    tab_to(page, "#id_leden-0-member")
    keys.type("kant 1-0")  # the editor's own
    page.wait_for_selector("#id_leden-0-member[aria-expanded=true]")
    keys.press("ArrowDown")
    keys.press("Enter")
    tab_to(page, "#id_leden-1-member")
    keys.type("GM8110")
    page.wait_for_selector("#id_leden-1-member[aria-expanded=true]")
    keys.press("ArrowDown")
    keys.press("Tab")  # Tab chooses the highlighted option too
    tab_to(page, "[data-add-row=leden]")
    keys.press("Enter")  # a fourth row; focus moves into it
    page.wait_for_function("() => document.activeElement.id === 'id_leden-3-member'")
    keys.type("kant 2-0")
    page.wait_for_selector("#id_leden-3-member[aria-expanded=true]")
    keys.press("ArrowDown")
    keys.press("Enter")
    tab_to(page, "#id_reason")
    keys.type("Met het toetsenbord geregistreerd")
    tab_to(page, ".form-actions button")
    keys.press("Enter")
    page.wait_for_selector("text=Ingediend, wacht op beoordeling")
    proposed = Submission.objects.get().proposed
    assert proposed["name"] == "Toetsenbordregio"
    assert proposed["legal_form_family"] == "wgr" and proposed["is_mandatory"] is False
    assert [m["code"] for m in proposed["members"]] == ["GM8100", "GM8110", "GM8200"]
    assert not page.errors


def test_removing_a_row_by_keyboard(open_page, live, scenario):
    page = open_page(scenario.users["moderator"])
    page.goto(url(live, "registration:edit", scenario.own.pk))
    rows = page.locator("[data-formset=leden] [data-row]:not(.is-removed)")
    before = rows.count()
    page.focus("[data-formset=leden] [data-row] .member-row__remove")
    page.keyboard.press("Enter")
    assert rows.count() == before - 1
    assert page.evaluate("document.activeElement.dataset.addRow") == "leden"
