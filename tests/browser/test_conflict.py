"""Two editors change the same arrangement at once in two browsers: the second gets a conflict
(announced, with the changes kept in the form), not a lost update.

Scenario: tests/harness/scenario.py (``own``: Netwerk West, which both the municipal and the
secretariat editor may change)."""

from __future__ import annotations

import pytest

from tests.harness.registration_form import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_edits_give_a_conflict_not_a_lost_update(open_page, live, scenario):
    first = open_page(scenario.users["gemeente"])
    second = open_page(scenario.users["secretariaat"])
    edit = url(live, "registration:edit", scenario.own.pk)
    first.goto(edit)
    second.goto(edit)
    first.fill("#id_description", "Eerste redacteur")
    first.fill("#id_reason", "een")
    first.click("button[type=submit]:has-text('Opslaan')")
    first.wait_for_selector("text=Opgeslagen: versie 2")
    second.fill("#id_website", "https://tweede.nl")
    second.fill("#id_description", "Tweede redacteur")
    second.fill("#id_reason", "twee")
    second.click("button[type=submit]:has-text('Opslaan')")
    second.wait_for_selector("#conflict")
    assert "Iemand anders heeft dit samenwerkingsverband intussen gewijzigd" in (
        second.inner_text("#conflict")
    )
    second.wait_for_function("() => document.activeElement.id === 'conflict'")  # announced first
    scenario.own.refresh_from_db()
    assert scenario.own.description == "Eerste redacteur" and scenario.own.website == ""
    assert scenario.own.version == 2
    # the second editor's changes are kept in the form, on top of the new version
    assert second.input_value("#id_website") == "https://tweede.nl"
    assert second.input_value("input[name=version]") == "2"
