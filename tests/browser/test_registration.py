"""Registration in a browser: a municipal editor registers a new arrangement (with the live
preview of its area), a moderator approves it, and it is published in the API and the atlas.

Scenario: tests/harness/scenario.py (six squares near Utrecht; the municipal editor is of
Vierkant 1-0)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from collaborations.arrangements.models import Arrangement
from collaborations.registration.choices import SubmissionStatus
from collaborations.registration.models import Submission
from tests.harness.registration_form import choose_member, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_new_arrangement(page, name: str) -> None:
    page.fill("#id_name", name)
    page.check("input[name=legal_form_family][value=wgr]")
    page.select_option("#id_legal_form", "openbaar-lichaam")
    page.check("input[name=is_mandatory][value=nee]")
    page.check("input[name=themes][value=mobiliteit]")
    page.fill("#id_start_date", "2021-01-01")
    choose_member(page, "#id_leden-0-member", "kant 1-0")  # the editor's own
    choose_member(page, "#id_leden-1-member", "kant 1-1")
    choose_member(page, "#id_leden-2-member", "GM8200")  # by code
    page.select_option("#id_leden-0-role", "centrumgemeente")
    page.fill("#id_reason", "Nieuwe vervoerregio")


def test_editor_registers_moderator_approves_and_it_is_published(open_page, live, scenario):
    editor = open_page(scenario.users["gemeente"])
    editor.goto(url(live, "registration:create"))
    fill_new_arrangement(editor, "Vervoerregio Vierkant")
    # the live preview shows the union of the three chosen municipalities
    # a function, not a bare expression: Playwright re-evaluates an expression with eval()
    # on every poll, which the site's CSP refuses (no 'unsafe-eval') when it must poll
    editor.wait_for_function(
        "() => document.getElementById('preview-status').textContent.includes('3 gemeente')"
    )
    editor.wait_for_selector("#preview-map path.leaflet-interactive")
    assert editor.is_visible("#preview-map path.leaflet-interactive")
    editor.click("button[type=submit]:has-text('Indienen ter beoordeling')")
    editor.wait_for_selector("text=Ingediend, wacht op beoordeling")
    assert Submission.objects.get().status == SubmissionStatus.PENDING
    assert not Arrangement.objects.filter(name="Vervoerregio Vierkant").exists()

    moderator = open_page(scenario.users["moderator"])
    moderator.goto(url(live, "registration:queue"))
    moderator.click("text=Vervoerregio Vierkant")
    moderator.check("input[name=decision][value=goedkeuren]")
    moderator.click("button:has-text('Besluit vastleggen')")
    moderator.wait_for_selector("text=Goedgekeurd en gepubliceerd als versie 1")

    arrangement = Arrangement.objects.get(name="Vervoerregio Vierkant")
    assert arrangement.publication_status == "gepubliceerd"
    assert sorted(arrangement.memberships.values_list("municipality__code", flat=True)) == [
        "GM8100",
        "GM8110",
        "GM8200",
    ]
    public = open_page()
    response = public.request.get(f"{live.url}/api/v1/samenwerkingsverbanden/{arrangement.pk}")
    assert response.status == 200
    assert "Vervoerregio Vierkant" in response.text()
    profile = reverse(
        "atlas:samenwerkingsverband", kwargs={"pk": arrangement.pk, "slug": arrangement.slug}
    )
    public.goto(f"{live.url}{profile}")
    assert public.locator("h1").inner_text() == "Vervoerregio Vierkant"
    editor.reload()
    assert editor.is_visible("text=Goedgekeurd")
    assert not editor.errors and not moderator.errors
