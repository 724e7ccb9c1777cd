"""The write API of registration: token auth, problem details, If-Match, outcomes."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from collaborations.arrangements.models import Arrangement
from collaborations.registration.models import Submission
from tests.harness.accounts import api_token

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def body(world, **extra) -> dict:
    data = {
        "naam": "Regio Cromveen",
        "rechtsvormFamilie": "wgr",
        "rechtsvorm": "openbaar-lichaam",
        "verplicht": False,
        "themas": ["wonen"],
        "startdatum": "2020-01-01",
        "leden": [
            {"soort": "gemeente", "code": "GM9001", "rol": "centrumgemeente"},
            {"soort": "gemeente", "code": "GM9002"},
            {"soort": "organisatie", "naam": "Hogeschool Test", "organisatieSoort": "kennis"},
        ],
        "reden": "Nieuw convenant",
    }
    data.update(extra)
    return data


def test_moderator_creates_directly(world):
    response = api(world.users["moderator"]).post(
        "/api/v1/registraties", body(world), format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "gepubliceerd" and data["versie"] == 1
    assert response["Location"] == f"/api/v1/samenwerkingsverbanden/{data['samenwerkingsverband']}"
    assert response["ETag"] == f'"sv-{data["samenwerkingsverband"]}-v1"'
    assert response["API-Version"]
    arrangement = Arrangement.objects.get(pk=data["samenwerkingsverband"])
    assert arrangement.memberships.count() == 3


def test_editor_creates_a_registration_and_follows_its_status(world):
    client = api(world.users["gemeente"])
    response = client.post("/api/v1/registraties", body(world), format="json")
    assert response.status_code == 202
    registration = response.json()["registratie"]
    assert registration["status"] == "ingediend" and not registration["suggestie"]
    status = client.get(response["Location"])
    assert status.status_code == 200 and status.json()["id"] == registration["id"]
    mine = client.get("/api/v1/registraties").json()
    assert mine["totaal"] == 1
    # another editor cannot see it
    assert api(world.users["secretariaat"]).get(response["Location"]).status_code == 404
    # the moderator approves it
    moderator = api(world.users["moderator"])
    assert moderator.get("/api/v1/beoordelingen").json()["totaal"] == 1
    approved = moderator.post(
        f"/api/v1/beoordelingen/{registration['id']}/goedkeuren", {}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert client.get(response["Location"]).json()["status"] == "goedgekeurd"


def test_validation_errors_name_the_fields_as_sent(world):
    """What breaks the document (a KvK number of 3 digits) is a 400; what the domain refuses
    (a member that no longer existed, a member from before it existed) a 422; both name the
    fields as the client sent them."""
    client = api(world.users["moderator"])
    response = client.post("/api/v1/registraties", body(world, kvkNummer="123"), format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert {p["name"] for p in response.json()["invalidParams"]} == {"kvkNummer"}
    data = body(
        world,
        kvkNummer="12345678",
        leden=[
            {"soort": "gemeente", "code": "GM9100"},
            {"soort": "gemeente", "code": "GM9001", "lidVanaf": "2019-01-01"},
        ],
    )
    response = client.post("/api/v1/registraties", data, format="json")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"leden[0].code", "leden[1].lidVanaf"}


def test_type_errors_are_400_problems(world):
    response = api(world.users["moderator"]).post(
        "/api/v1/registraties", {"naam": "x", "startdatum": "morgen"}, format="json"
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"startdatum", "rechtsvormFamilie", "themas", "leden", "reden"} <= names


def test_duplicate_name_is_a_409_until_confirmed(world):
    client = api(world.users["moderator"])
    data = body(world, naam="Regio Aadorp-Beekstad")
    assert client.post("/api/v1/registraties", data, format="json").status_code == 409
    data["bevestigWaarschuwingen"] = True
    assert client.post("/api/v1/registraties", data, format="json").status_code == 201


def test_change_needs_if_match_and_detects_concurrent_changes(world):
    client = api(world.users["gemeente"])
    url = f"/api/v1/samenwerkingsverbanden/{world.own.pk}/wijzigingen"
    history = client.get(url)
    assert history.status_code == 200
    tag = history["ETag"]
    assert tag == f'"sv-{world.own.pk}-v1"'
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    change = {"omschrijving": "Nieuw", "reden": "aanvulling"}
    assert client.post(url, change, format="json").status_code == 428
    response = client.post(url, change, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 201, response.content
    assert response["ETag"] == f'"sv-{world.own.pk}-v2"'
    # a second change based on the old version: 412, nothing changes
    stale = client.post(
        url, {"website": "https://x.nl", "reden": "x"}, format="json", HTTP_IF_MATCH=tag
    )
    assert stale.status_code == 412
    assert stale["Content-Type"].startswith("application/problem+json")
    world.own.refresh_from_db()
    assert world.own.description == "Nieuw" and world.own.website == "" and world.own.version == 2
    revisions = client.get(url).json()["wijzigingen"]
    assert [r["versie"] for r in revisions] == [2, 1]
    assert revisions[0]["wijzigingen"]["fields"][0]["field"] == "description"


def test_change_by_unauthorised_editor_becomes_suggestion(world):
    client = api(world.users["gemeente"])
    url = f"/api/v1/samenwerkingsverbanden/{world.other.pk}/wijzigingen"
    tag = client.get(url)["ETag"]
    response = client.post(
        url, {"omschrijving": "Voorstel", "reden": "klopt niet"}, format="json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 202
    assert response.json()["registratie"]["suggestie"] is True
    world.other.refresh_from_db()
    assert world.other.description == ""
    registration = response.json()["registratie"]["id"]
    rejected = api(world.users["moderator"]).post(
        f"/api/v1/beoordelingen/{registration}/afwijzen", {"reden": "Onjuist"}, format="json"
    )
    assert rejected.status_code == 200
    status = client.get(f"/api/v1/registraties/{registration}").json()
    assert status["status"] == "afgewezen" and status["toelichting"] == "Onjuist"


def test_history_hides_names_from_anonymous_readers(world):
    api(world.users["gemeente"]).post(
        f"/api/v1/samenwerkingsverbanden/{world.own.pk}/wijzigingen",
        {"omschrijving": "x", "reden": "y"},
        format="json",
        HTTP_IF_MATCH=f'"sv-{world.own.pk}-v1"',
    )
    public = api().get(f"/api/v1/samenwerkingsverbanden/{world.own.pk}/wijzigingen").json()
    assert public["wijzigingen"][0]["door"] == "Gemeente Beekstad"
    private = api(world.users["moderator"]).get(
        f"/api/v1/samenwerkingsverbanden/{world.own.pk}/wijzigingen"
    )
    assert private.json()["wijzigingen"][0]["door"] == "Gemeente (Gemeente Beekstad)"


def test_revert_and_confirm(world):
    moderator = api(world.users["moderator"])
    url = f"/api/v1/samenwerkingsverbanden/{world.own.pk}"
    moderator.post(
        f"{url}/wijzigingen",
        {"naam": "Fout", "reden": "oeps"},
        format="json",
        HTTP_IF_MATCH=f'"sv-{world.own.pk}-v1"',
    )
    response = moderator.post(
        f"{url}/terugzettingen",
        {"versie": 1, "reden": "terug"},
        format="json",
        HTTP_IF_MATCH=f'"sv-{world.own.pk}-v2"',
    )
    assert response.status_code == 201, response.content
    world.own.refresh_from_db()
    assert world.own.name == "Regio Aadorp-Beekstad" and world.own.version == 3
    assert moderator.post(f"{url}/bevestigingen").status_code == 200
    assert api(world.users["gemeente"]).post(f"{url}/bevestigingen").status_code == 200
    assert api(world.users["zonder-rol"]).post(f"{url}/bevestigingen").status_code == 403


def test_anonymous_writes_are_401(world):
    response = api().post("/api/v1/registraties", body(world), format="json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert not Submission.objects.exists()


def test_import_through_the_api(world, tmp_path):
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "registration"
    client = api(world.users["moderator"])
    with (path / "samenwerkingsverbanden_goed.csv").open("rb") as handle:
        response = client.post(
            "/api/v1/imports", {"bestand": handle, "soort": "samenwerkingsverbanden", "reden": "x"}
        )
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "gecontroleerd" and len(job["voorbeeld"]) == 3
    committed = client.post(f"/api/v1/imports/{job['id']}/doorvoeren")
    assert committed.status_code == 200 and committed.json()["status"] == "doorgevoerd"
    assert client.post(f"/api/v1/imports/{job['id']}/doorvoeren").status_code == 409
    with (path / "samenwerkingsverbanden_fouten.csv").open("rb") as handle:
        bad = client.post(
            "/api/v1/imports", {"bestand": handle, "soort": "samenwerkingsverbanden", "reden": "x"}
        ).json()
    assert bad["status"] == "fouten" and bad["fouten"][0]["rij"] == 3
    assert api(world.users["gemeente"]).get("/api/v1/imports").status_code == 403


def test_a_failed_request_leaves_the_data_as_it_was(world, monkeypatch):
    from collaborations.registration.services import write

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write, "_themes", broken)
    client = api(world.users["moderator"])
    client.raise_request_exception = False
    before = Arrangement.objects.count()
    response = client.post("/api/v1/registraties", body(world), format="json")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    change = client.post(
        f"/api/v1/samenwerkingsverbanden/{world.own.pk}/wijzigingen",
        {"naam": "Half", "reden": "x"},
        format="json",
        HTTP_IF_MATCH=f'"sv-{world.own.pk}-v1"',
    )
    assert change.status_code == 500
    assert Arrangement.objects.count() == before
    world.own.refresh_from_db()
    assert world.own.name == "Regio Aadorp-Beekstad" and world.own.version == 1
