"""Review in a browser: a municipal editor suggests a change to an arrangement without its
municipality, the moderator must give a reason to reject it, and the submitter sees that reason.

Scenario: tests/harness/scenario.py (``other``: GR Oost, without the editor's Vierkant 1-0)."""

from __future__ import annotations

import pytest

from collaborations.registration.choices import SubmissionStatus
from collaborations.registration.models import Submission
from tests.harness.registration_form import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rejected_suggestion_shows_the_reason_to_the_submitter(open_page, live, scenario):
    editor = open_page(scenario.users["gemeente"])
    editor.goto(url(live, "registration:edit", scenario.other.pk))
    description = scenario.other.description  # "Beschrijving van GR Oost."
    assert editor.is_visible("text=uw wijziging wordt een voorstel")
    editor.fill("#id_description", "Volgens ons doet Vierkant 1-0 ook mee")
    editor.fill("#id_reason", "Aanvulling")
    editor.click("button[type=submit]:has-text('Indienen ter beoordeling')")
    editor.wait_for_selector("text=Ingediend, wacht op beoordeling")
    scenario.other.refresh_from_db()
    assert scenario.other.description == description

    moderator = open_page(scenario.users["moderator"])
    submission = Submission.objects.get()
    moderator.goto(url(live, "registration:submission", submission.pk))
    moderator.check("input[name=decision][value=afwijzen]")
    moderator.click("button:has-text('Besluit vastleggen')")
    moderator.wait_for_selector("#error-summary >> text=Geef de reden van de afwijzing")
    moderator.fill("#id_message", "Vierkant 1-0 is geen lid; zie het besluit van 2023.")
    moderator.click("button:has-text('Besluit vastleggen')")
    moderator.wait_for_selector("text=Afgewezen; de indiener ziet uw reden.")

    editor.goto(url(live, "registration:dashboard"))
    row = editor.locator("tr", has_text="GR Oost")
    assert "Afgewezen" in row.inner_text()
    assert "Vierkant 1-0 is geen lid" in row.inner_text()
    editor.click("text=GR Oost")
    assert editor.is_visible("text=Reden van afwijzing")
    assert Submission.objects.get().status == SubmissionStatus.REJECTED
    scenario.other.refresh_from_db()
    assert scenario.other.description == description and scenario.other.version == 1
