"""Registration in a real browser: Playwright (Python) driving Debian's chromium against
the site under gunicorn (fixture ``live``), on the small world of tests/registration/conftest.py (fixed grid
squares near Utrecht). Every request off the live server is aborted (no internet here: the
base map of the preview must fail gracefully)."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from collaborations.arrangements.models import Arrangement
from collaborations.registration.choices import SubmissionStatus
from collaborations.registration.models import Submission
from tests.harness.browser import axe_violations, only_site

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_page(browser, live):
    """open_page(user) -> a page of a fresh browser context, logged in as ``user``."""
    contexts = []

    def make(user=None):
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10000)
        only_site(context, live.url)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        if user is not None:
            page.goto(f"{live.url}{reverse('registration:login')}")
            page.fill("#id_username", user.username)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"{live.url}{reverse('registration:dashboard')}")
        return page

    yield make
    for context in contexts:
        context.close()


def url(live, name: str, *args) -> str:
    return f"{live.url}{reverse(name, args=args)}"


def choose_member(page, selector: str, text: str) -> None:
    """Type into a search-as-you-type field and choose the first option by keyboard."""
    page.focus(selector)
    page.keyboard.type(text)
    page.wait_for_selector(f"{selector}[aria-expanded=true]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelector('{selector}').getAttribute('aria-expanded') === 'false'"
    )


def fill_new_arrangement(page, name: str) -> None:
    page.fill("#id_name", name)
    page.check("input[name=legal_form_family][value=wgr]")
    page.select_option("#id_legal_form", "openbaar-lichaam")
    page.check("input[name=is_mandatory][value=nee]")
    page.check("input[name=themes][value=mobiliteit]")
    page.fill("#id_start_date", "2021-01-01")
    choose_member(page, "#id_leden-0-member", "Beeks")
    choose_member(page, "#id_leden-1-member", "Cromv")
    choose_member(page, "#id_leden-2-member", "GM9003")
    page.select_option("#id_leden-0-role", "centrumgemeente")
    page.fill("#id_reason", "Nieuwe vervoerregio")


# --- the scenarios of the issue -------------------------------------------------------------------
def test_editor_registers_moderator_approves_and_it_is_published(open_page, live, world):
    editor = open_page(world.users["gemeente"])
    editor.goto(url(live, "registration:create"))
    fill_new_arrangement(editor, "Vervoerregio Beekstad")
    # the live preview shows the union of the three chosen municipalities
    editor.wait_for_function(
        "document.getElementById('preview-status').textContent.includes('3 gemeente')"
    )
    assert editor.is_visible("#preview-map path.leaflet-interactive")
    editor.click("button[type=submit]:has-text('Indienen ter beoordeling')")
    editor.wait_for_selector("text=Ingediend, wacht op beoordeling")
    assert Submission.objects.get().status == SubmissionStatus.PENDING
    assert not Arrangement.objects.filter(name="Vervoerregio Beekstad").exists()

    moderator = open_page(world.users["moderator"])
    moderator.goto(url(live, "registration:queue"))
    moderator.click("text=Vervoerregio Beekstad")
    moderator.check("input[name=decision][value=goedkeuren]")
    moderator.click("button:has-text('Besluit vastleggen')")
    moderator.wait_for_selector("text=Goedgekeurd en gepubliceerd als versie 1")

    arrangement = Arrangement.objects.get(name="Vervoerregio Beekstad")
    assert arrangement.publication_status == "gepubliceerd"
    assert sorted(arrangement.memberships.values_list("municipality__code", flat=True)) == [
        "GM9001",
        "GM9002",
        "GM9003",
    ]
    public = open_page()
    response = public.request.get(f"{live.url}/api/v1/samenwerkingsverbanden/{arrangement.pk}")
    if response.status == 404 and b"Deze URL bestaat niet" in response.body():
        pytest.skip("no public arrangement endpoint yet")  # pragma: no cover
    assert response.status == 200
    assert "Vervoerregio Beekstad" in response.text()
    try:
        profile = reverse(
            "atlas:samenwerkingsverband", kwargs={"pk": arrangement.pk, "slug": arrangement.slug}
        )
    except NoReverseMatch:  # pragma: no cover - the atlas pages are optional here
        profile = None
    if profile:
        public.goto(f"{live.url}{profile}")
        assert public.locator("h1").inner_text() == "Vervoerregio Beekstad"
    editor.reload()
    assert editor.is_visible("text=Goedgekeurd")
    assert not editor.errors and not moderator.errors


def test_rejected_suggestion_shows_the_reason_to_the_submitter(open_page, live, world):
    editor = open_page(world.users["gemeente"])
    editor.goto(url(live, "registration:edit", world.other.pk))
    assert editor.is_visible("text=uw wijziging wordt een voorstel")
    editor.fill("#id_description", "Volgens ons doet Beekstad ook mee")
    editor.fill("#id_reason", "Aanvulling")
    editor.click("button[type=submit]:has-text('Indienen ter beoordeling')")
    editor.wait_for_selector("text=Ingediend, wacht op beoordeling")
    world.other.refresh_from_db()
    assert world.other.description == ""

    moderator = open_page(world.users["moderator"])
    submission = Submission.objects.get()
    moderator.goto(url(live, "registration:submission", submission.pk))
    moderator.check("input[name=decision][value=afwijzen]")
    moderator.click("button:has-text('Besluit vastleggen')")
    moderator.wait_for_selector("#error-summary >> text=Geef de reden van de afwijzing")
    moderator.fill("#id_message", "Beekstad is geen lid; zie het besluit van 2023.")
    moderator.click("button:has-text('Besluit vastleggen')")
    moderator.wait_for_selector("text=Afgewezen; de indiener ziet uw reden.")

    editor.goto(url(live, "registration:dashboard"))
    row = editor.locator("tr", has_text="Samenwerking Eemhoven-Fortmond")
    assert "Afgewezen" in row.inner_text()
    assert "Beekstad is geen lid" in row.inner_text()
    editor.click("text=Samenwerking Eemhoven-Fortmond")
    assert editor.is_visible("text=Reden van afwijzing")
    assert Submission.objects.get().status == SubmissionStatus.REJECTED
    world.other.refresh_from_db()
    assert world.other.description == "" and world.other.version == 1


def test_two_concurrent_edits_give_a_conflict_not_a_lost_update(open_page, live, world):
    first = open_page(world.users["gemeente"])
    second = open_page(world.users["secretariaat"])
    edit = url(live, "registration:edit", world.own.pk)
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
    second.wait_for_function("document.activeElement.id === 'conflict'")  # announced first
    world.own.refresh_from_db()
    assert world.own.description == "Eerste redacteur" and world.own.website == ""
    assert world.own.version == 2
    # the second editor's changes are kept in the form, on top of the new version
    assert second.input_value("#id_website") == "https://tweede.nl"
    assert second.input_value("input[name=version]") == "2"


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focus is on ``selector`` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} not reachable by Tab")


def test_the_form_can_be_completed_with_the_keyboard_only(open_page, live, world):
    page = open_page(world.users["gemeente"])
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
    keys.type("Beeks")
    page.wait_for_selector("#id_leden-0-member[aria-expanded=true]")
    keys.press("ArrowDown")
    keys.press("Enter")
    tab_to(page, "#id_leden-1-member")
    keys.type("GM9002")
    page.wait_for_selector("#id_leden-1-member[aria-expanded=true]")
    keys.press("ArrowDown")
    keys.press("Tab")  # Tab chooses the highlighted option too
    tab_to(page, "[data-add-row=leden]")
    keys.press("Enter")  # a fourth row; focus moves into it
    page.wait_for_function("document.activeElement.id === 'id_leden-3-member'")
    keys.type("Dijkw")
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
    assert [m["code"] for m in proposed["members"]] == ["GM9001", "GM9002", "GM9003"]
    assert not page.errors


def test_removing_a_row_by_keyboard(open_page, live, world):
    page = open_page(world.users["moderator"])
    page.goto(url(live, "registration:edit", world.own.pk))
    rows = page.locator("[data-formset=leden] [data-row]:not(.is-removed)")
    before = rows.count()
    page.focus("[data-formset=leden] [data-row] .member-row__remove")
    page.keyboard.press("Enter")
    assert rows.count() == before - 1
    assert page.evaluate("document.activeElement.dataset.addRow") == "leden"


@pytest.mark.parametrize(
    "page_name",
    ["login", "create", "create-errors", "edit", "review", "history", "import", "token"],
)
def test_forms_have_no_serious_accessibility_violations(open_page, live, world, page_name):
    user = None if page_name == "login" else world.users["moderator"]
    page = open_page(user)
    if page_name == "login":
        page.goto(url(live, "registration:login"))
    elif page_name in ("create", "create-errors"):
        page.goto(url(live, "registration:create"))
        if page_name == "create-errors":
            page.fill("#id_kvk_number", "12")
            page.click(".form-actions button")
            page.wait_for_selector("#error-summary")
    elif page_name == "edit":
        page.goto(url(live, "registration:edit", world.own.pk))
        page.wait_for_selector("#preview-map path.leaflet-interactive")
    elif page_name == "review":
        from collaborations.registration.services.submissions import registration_submit

        from .conftest import new_state

        outcome = registration_submit(
            by=world.users["gemeente"], state=new_state(world), reason="test"
        )
        page.goto(url(live, "registration:submission", outcome.submission.pk))
    elif page_name == "history":
        page.goto(url(live, "registration:history", world.own.pk))
    elif page_name == "import":
        page.goto(url(live, "registration:import"))
    else:
        page.goto(url(live, "registration:api-token"))
    assert axe_violations(page) == []
    assert not page.errors
