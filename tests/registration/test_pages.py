"""Registration pages through the Django test client: forms, review, history, import, accounts."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.http import HttpRequest
from django.urls import reverse

from collaborations.arrangements.models import Arrangement
from collaborations.registration.models import Submission

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)


def form_data(name="Regio Cromveen", members=("Beekstad", "GM9002", "Dijkwaard (GM9003)"), **extra):
    data = {
        "name": name,
        "legal_form_family": "wgr",
        "legal_form": "openbaar-lichaam",
        "is_mandatory": "nee",
        "themes": ["wonen"],
        "start_date": "2020-01-01",
        "reason": "Nieuw verband",
        "leden-TOTAL_FORMS": str(len(members)),
        "leden-INITIAL_FORMS": "0",
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-0-name": "",
        "partners-0-role": "deelnemer",
    }
    for i, member in enumerate(members):
        data[f"leden-{i}-member"] = member
        data[f"leden-{i}-role"] = "deelnemer"
    data.update(extra)
    return data


def test_pages_render_for_every_role(client, world):
    for role in ("gemeente", "secretariaat", "moderator", "beheerder"):
        client.logout()
        login(client, world.users[role])
        for name, args in [
            ("registration:dashboard", []),
            ("registration:create", []),
            ("registration:edit", [world.own.pk]),
            ("registration:history", [world.own.pk]),
            ("registration:api-token", []),
        ]:
            response = client.get(reverse(name, args=args))
            assert response.status_code == 200, (role, name)
    response = client.get(reverse("registration:queue"))
    assert response.status_code == 200


def test_editor_registers_through_the_form(client, world):
    login(client, world.users["gemeente"])
    response = client.post(reverse("registration:create"), form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    submission = Submission.objects.get()
    assert response["Location"] == reverse("registration:submission", args=[submission.pk])
    assert [m["code"] for m in submission.proposed["members"]] == ["GM9001", "GM9002", "GM9003"]
    page = client.get(response["Location"])
    assert "Ingediend, wacht op beoordeling" in page.content.decode()


def test_form_errors_are_shown_on_the_fields(client, world):
    login(client, world.users["gemeente"])
    data = form_data(members=("Onbekendstad", "GM9100"), kvk_number="12", end_date="2019-01-01")
    response = client.post(reverse("registration:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geen gemeente of provincie gevonden voor “Onbekendstad”" in html
    assert 'id="error-summary"' in html
    data = form_data(members=("Beekstad", "GM9100"), kvk_number="12", end_date="2019-01-01")
    html = client.post(reverse("registration:create"), data).content.decode()
    assert "Een KvK-nummer bestaat uit 8 cijfers" in html
    assert "De einddatum ligt vóór de startdatum" in html
    assert 'aria-invalid="true"' in html
    assert "Oudwoude bestond op 2020-01-01 niet meer" in html


def test_more_rows_without_javascript(client, world):
    login(client, world.users["gemeente"])
    data = form_data(members=("Beekstad",), meer="leden")
    response = client.post(reverse("registration:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="leden-3-member"' in html and 'value="Beekstad"' in html
    assert "error-summary" not in html


def test_duplicate_name_asks_for_confirmation(client, world):
    login(client, world.users["moderator"])
    data = form_data(name="Regio Aadorp-Beekstad")
    response = client.post(reverse("registration:create"), data)
    assert response.status_code == 400
    assert "Er bestaat al een samenwerkingsverband met de naam" in response.content.decode()
    response = client.post(reverse("registration:create"), {**data, "confirm_warnings": "on"})
    assert response.status_code == 302
    assert Arrangement.objects.filter(name="Regio Aadorp-Beekstad").count() == 2


def test_review_reject_with_reason_the_submitter_sees(client, world):
    login(client, world.users["gemeente"])
    client.post(reverse("registration:create"), form_data())
    submission = Submission.objects.get()
    client.logout()
    login(client, world.users["moderator"])
    response = client.post(
        reverse("registration:review", args=[submission.pk]),
        {"decision": "afwijzen", "message": ""},
    )
    assert response.status_code == 400  # a rejection needs a reason
    response = client.post(
        reverse("registration:review", args=[submission.pk]),
        {"decision": "afwijzen", "message": "Bestaat al onder een andere naam"},
    )
    assert response.status_code == 302
    client.logout()
    login(client, world.users["gemeente"])
    html = client.get(reverse("registration:dashboard")).content.decode()
    assert "Afgewezen" in html and "Bestaat al onder een andere naam" in html


def test_concurrent_edits_conflict_instead_of_lost_update(client, world):
    login(client, world.users["gemeente"])
    url = reverse("registration:edit", args=[world.own.pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page
    rows = [("Aadorp (GM9000)"), ("Beekstad (GM9001)"), ("Cromveen (GM9002)")]
    base = form_data(name="Regio Aadorp-Beekstad", members=rows, version="1", reason="x")
    base.pop("start_date")
    base["legal_form_family"], base["legal_form"], base["is_mandatory"] = "netwerk", "", "nee"
    first = client.post(url, {**base, "description": "Eerste"})
    assert first.status_code == 302
    second = client.post(url, {**base, "website": "https://tweede.nl"})
    assert second.status_code == 409
    html = second.content.decode()
    assert "Iemand anders heeft dit samenwerkingsverband intussen gewijzigd" in html
    assert 'name="version" value="2"' in html
    world.own.refresh_from_db()
    assert world.own.description == "Eerste" and world.own.website == ""
    # the form now holds both changes: saving again keeps the first one
    assert "Eerste" in html and "https://tweede.nl" in html


def test_password_reset_sends_mail(client, world):
    response = client.post(
        reverse("registration:password_reset"), {"email": "gemeente@example.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+", mail.outbox[0].body).group(0)
    assert "/account/wachtwoord-herstellen/" in link


def test_api_token_page(client, world):
    login(client, world.users["gemeente"])
    response = client.post(reverse("registration:api-token"), {"actie": "aanmaken"})
    key = re.search(
        r'id="new-token" type="text" readonly value="([0-9a-f]+)"', response.content.decode()
    )
    assert key
    response = client.post(reverse("registration:api-token"), {"actie": "intrekken"})
    assert response.status_code == 302
    from collaborations.accounts.models import ApiToken

    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("registration:create"))
    assert response.status_code == 302 and "/account/inloggen" in response["Location"]
    assert client.get(reverse("registration:history", args=[world.own.pk])).status_code == 200


def test_admin_follows_the_same_rules(client, world):
    login(client, world.users["moderator"])
    assert client.get("/admin/collaborations/theme/").status_code == 200
    assert client.get("/admin/collaborations/division/add/").status_code == 200
    assert client.get("/admin/collaborations/submission/").status_code == 200
    # arrangements change through the forms (history, review); the admin only shows them
    page = client.get(f"/admin/collaborations/arrangement/{world.own.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get("/admin/collaborations/userrole/").status_code == 403
    client.logout()
    login(client, world.users["gemeente"])
    assert client.get("/admin/collaborations/theme/").status_code == 302  # not staff
    client.logout()
    login(client, world.users["beheerder"])
    assert client.get("/admin/collaborations/userrole/").status_code == 200
    visitor = world.users["zonder-rol"]
    response = client.post(
        "/admin/collaborations/userrole/add/",
        {"user": visitor.pk, "role": "moderator", "organisation_label": "Provincie"},
    )
    assert response.status_code == 302
    visitor.refresh_from_db()
    assert visitor.is_staff  # moderators reach the admin for themes and divisions


def test_downloads_neutralise_formulas(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, world.users["moderator"])
    template = client.get(reverse("registration:import-template", args=["csv"]))
    assert template.status_code == 200 and template["Content-Type"].startswith("text/csv")
    assert template.content.decode("utf-8-sig").startswith("id;versie;naam;")
    workbook = client.get(reverse("registration:import-template", args=["xlsx"]))
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(workbook.content)).active
    assert next(sheet.iter_rows(values_only=True))[:3] == ("id", "versie", "naam")
    from collaborations.registration.models import ImportJob

    job = ImportJob.objects.create(
        kind="samenwerkingsverbanden",
        file=SimpleUploadedFile("x.csv", b"x"),
        original_name="x.csv",
        reason="test",
        errors=[{"rij": 2, "kolom": "+naam", "melding": '=HYPERLINK("http://x","klik")'}],
    )
    report = client.get(reverse("registration:import-errors", args=[job.pk]))
    rows = report.content.decode("utf-8-sig").splitlines()
    assert rows[1].startswith("2;'+naam;")
    assert "'=HYPERLINK" in rows[1]
    example = client.get(reverse("registration:import-division-example"))
    assert example.content.decode("utf-8-sig").startswith("Gemeente;CBS;")
