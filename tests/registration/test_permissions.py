"""The permission matrix: every role x every action, through the pages and through the API.

Outcomes: ``allowed`` (done and published), ``queued`` (a submission for the review queue,
published data unchanged) and ``denied`` (nothing happens: login, 401 or 403)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from rest_framework.test import APIClient

from collaborations import permissions
from collaborations.arrangements.models import Arrangement
from collaborations.registration.choices import SubmissionStatus
from collaborations.registration.models import ImportJob, Submission
from collaborations.registration.selectors.states import arrangement_state
from collaborations.registration.services.submissions import registration_submit
from tests.harness.accounts import api_token

from .conftest import PASSWORD, ROLES, new_state

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data" / "registration"
A, Q, D = "allowed", "queued", "denied"

#: action -> outcome per role (anoniem, zonder-rol, staf-zonder-rol, gemeente, secretariaat,
#: moderator, beheerder)
MATRIX = {
    "view": (A, A, A, A, A, A, A),
    "create": (D, D, D, Q, Q, A, A),
    "edit_own": (D, D, D, A, A, A, A),
    "edit_other": (D, D, D, Q, Q, A, A),
    "suggest": (D, D, D, Q, Q, Q, Q),
    "approve": (D, D, D, D, D, A, A),
    "revert": (D, D, D, D, D, A, A),
    "import": (D, D, D, D, D, A, A),
}
CASES = [(action, role, MATRIX[action][i]) for action in MATRIX for i, role in enumerate(ROLES)]


# --- fixtures of the actions ----------------------------------------------------------------
def _pending(world) -> Submission:
    outcome = registration_submit(
        by=world.users["gemeente"], state=new_state(world, name="Wachtend verband"), reason="x"
    )
    return outcome.submission


def _changed(world) -> None:
    """Version 2 of the own arrangement (made by the moderator), to revert from."""
    state = arrangement_state(arrangement_id=world.own.pk)
    registration_submit(
        by=world.users["moderator"],
        state=dict(state, name="Fout"),
        reason="x",
        arrangement=world.own,
        expected_version=1,
    )
    world.own.refresh_from_db()


def _target(world, action):
    return world.other if action == "edit_other" else world.own


# --- pages ----------------------------------------------------------------------------------
def _page_client(client, world, role):
    user = world.users[role]
    if user is not None:
        assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    return client


def _edit_data(arrangement, **extra) -> dict:
    state = arrangement_state(arrangement_id=arrangement.pk)
    members = [m for m in state["members"] if m["kind"] != "organisation"]
    data = {
        "name": state["name"],
        "legal_form_family": state["legal_form_family"],
        "legal_form": state["legal_form"],
        "is_mandatory": {True: "ja", False: "nee"}.get(state["is_mandatory"], ""),
        "themes": state["themes"],
        "description": "Gewijzigd via de pagina",
        "reason": "test",
        "version": str(arrangement.version),
        "leden-TOTAL_FORMS": str(len(members)),
        "leden-INITIAL_FORMS": str(len(members)),
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
    }
    for i, m in enumerate(members):
        data[f"leden-{i}-member"] = f"{m['name']} ({m['code']})"
        data[f"leden-{i}-role"] = m["role"]
    data.update(extra)
    return data


def _create_data() -> dict:
    data = {
        "name": "Nieuw via pagina",
        "legal_form_family": "netwerk",
        "themes": ["wonen"],
        "reason": "test",
        "leden-TOTAL_FORMS": "2",
        "leden-INITIAL_FORMS": "0",
        "leden-0-member": "GM9001",
        "leden-0-role": "deelnemer",
        "leden-1-member": "GM9002",
        "leden-1-role": "deelnemer",
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
    }
    return data


def _page_outcome(response, *, allowed_to: str | None = None, queued: bool = False) -> str:
    if response.status_code == 403:
        return D
    location = response.get("Location", "")
    if response.status_code == 302 and "/account/inloggen" in location:
        return D
    if queued or "/registratie/inzendingen/" in location:
        return Q
    if response.status_code in (200, 302) and (allowed_to is None or allowed_to in location):
        return A
    raise AssertionError(f"unexpected {response.status_code} {location}")


def page_action(client, world, action) -> str:
    if action == "view":
        response = client.get(reverse("registration:history", args=[world.own.pk]))
        return A if response.status_code == 200 else D
    if action == "create":
        return _page_outcome(client.post(reverse("registration:create"), _create_data()))
    if action in ("edit_own", "edit_other", "suggest"):
        target = _target(world, action)
        extra = {"als_voorstel": "1"} if action == "suggest" else {}
        url = reverse("registration:edit", args=[target.pk])
        return _page_outcome(client.post(url, _edit_data(target, **extra)))
    if action == "approve":
        submission = _pending(world)
        url = reverse("registration:review", args=[submission.pk])
        return _page_outcome(client.post(url, {"decision": "goedkeuren", "message": ""}))
    if action == "revert":
        _changed(world)
        url = reverse("registration:revert", args=[world.own.pk, 1])
        return _page_outcome(client.post(url, {"reason": "terug", "version": "2"}))
    with (DATA / "samenwerkingsverbanden_goed.csv").open("rb") as handle:
        data = {"kind": "samenwerkingsverbanden", "reason": "test", "file": handle}
        return _page_outcome(client.post(reverse("registration:import"), data))


# --- API ------------------------------------------------------------------------------------
def _api_client(world, role) -> APIClient:
    client = APIClient()
    user = world.users[role]
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def _api_outcome(response) -> str:
    if response.status_code in (401, 403):
        return D
    if response.status_code == 202:
        return Q
    if response.status_code in (200, 201):
        return A
    raise AssertionError(f"unexpected {response.status_code}: {response.content[:500]}")


def _api_create_body() -> dict:
    return {
        "naam": "Nieuw via API",
        "rechtsvormFamilie": "netwerk",
        "themas": ["wonen"],
        "leden": [{"soort": "gemeente", "code": "GM9001"}, {"soort": "gemeente", "code": "GM9002"}],
        "reden": "test",
    }


def api_action(client, world, action) -> str:
    base = "/api/v1/samenwerkingsverbanden"
    if action == "view":
        return _api_outcome(client.get(f"{base}/{world.own.pk}/wijzigingen"))
    if action == "create":
        return _api_outcome(client.post("/api/v1/registraties", _api_create_body(), format="json"))
    if action in ("edit_own", "edit_other", "suggest"):
        target = _target(world, action)
        body = {"omschrijving": "Gewijzigd via de API", "reden": "test"}
        if action == "suggest":
            body["alsVoorstel"] = True
        tag = f'"sv-{target.pk}-v{target.version}"'
        url = f"{base}/{target.pk}/wijzigingen"
        return _api_outcome(client.post(url, body, format="json", HTTP_IF_MATCH=tag))
    if action == "approve":
        submission = _pending(world)
        return _api_outcome(
            client.post(f"/api/v1/beoordelingen/{submission.pk}/goedkeuren", {}, format="json")
        )
    if action == "revert":
        _changed(world)
        body = {"versie": 1, "reden": "terug"}
        tag = f'"sv-{world.own.pk}-v2"'
        url = f"{base}/{world.own.pk}/terugzettingen"
        return _api_outcome(client.post(url, body, format="json", HTTP_IF_MATCH=tag))
    with (DATA / "samenwerkingsverbanden_goed.csv").open("rb") as handle:
        data = {"bestand": handle, "soort": "samenwerkingsverbanden", "reden": "test"}
        return _api_outcome(client.post("/api/v1/imports", data))


# --- the effect on the data ---------------------------------------------------------------------
def _snapshot(world) -> dict:
    return {
        "arrangements": Arrangement.objects.count(),
        "own": Arrangement.objects.values_list("version", "name", "description").get(
            pk=world.own.pk
        ),
        "other": Arrangement.objects.values_list("version", "description").get(pk=world.other.pk),
        "jobs": ImportJob.objects.count(),
    }


def _check_effect(world, action, outcome, before, after, submissions_before) -> None:
    new_submissions = Submission.objects.count() - submissions_before
    if outcome == D:
        assert after == before, "a denied action changed data"
        assert new_submissions == 0
    elif outcome == Q:
        assert (after["own"], after["other"], after["arrangements"]) == (
            before["own"],
            before["other"],
            before["arrangements"],
        ), "a queued action changed published data"
        assert new_submissions == 1
    elif action in ("edit_own", "edit_other"):
        key = "own" if action == "edit_own" else "other"
        assert after[key][0] == before[key][0] + 1, "an allowed edit made no new version"
    elif action == "create":
        assert after["arrangements"] == before["arrangements"] + 1
    elif action == "approve":
        assert Submission.objects.filter(status=SubmissionStatus.APPROVED).count() == 1
    elif action == "revert":
        assert after["own"][1] == "Regio Aadorp-Beekstad"
    elif action == "import":
        assert after["jobs"] == before["jobs"] + 1


@pytest.mark.parametrize("channel", ["pagina", "api"])
@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_permission_matrix(client, world, channel, action, role, expected):
    before = _snapshot(world)
    submissions_before = Submission.objects.count()
    if channel == "pagina":
        outcome = page_action(_page_client(client, world, role), world, action)
    else:
        outcome = api_action(_api_client(world, role), world, action)
    assert outcome == expected, f"{channel}: {role} {action} -> {outcome}, expected {expected}"
    if action in ("approve", "revert"):  # their preparation changes data: check the result
        _check_effect_prepared(world, action, outcome)
    else:
        _check_effect(world, action, outcome, before, _snapshot(world), submissions_before)


def _check_effect_prepared(world, action, outcome) -> None:
    if action == "approve":
        approved = Submission.objects.filter(status=SubmissionStatus.APPROVED).exists()
        assert approved == (outcome == A)
        assert Arrangement.objects.filter(name="Wachtend verband").exists() == (outcome == A)
    else:
        world.own.refresh_from_db()
        assert world.own.version == (3 if outcome == A else 2)
        assert (world.own.name == "Regio Aadorp-Beekstad") == (outcome == A)


@pytest.mark.parametrize("role", ROLES)
def test_permission_functions_agree_with_the_matrix(world, role):
    user = world.users[role] or AnonymousUser()
    index = ROLES.index(role)
    assert permissions.can_create(user) == (MATRIX["create"][index] != D)
    assert permissions.can_edit_arrangement(user, world.own) == (MATRIX["edit_own"][index] == A)
    assert permissions.can_edit_arrangement(user, world.other) == (MATRIX["edit_other"][index] == A)
    assert permissions.can_suggest(user, world.other) == (MATRIX["suggest"][index] != D)
    assert permissions.can_review(user) == (MATRIX["approve"][index] == A)
    assert permissions.can_revert(user, world.own) == (MATRIX["revert"][index] == A)
    assert permissions.can_import(user) == (MATRIX["import"][index] == A)
    assert permissions.can_manage_themes(user) == (MATRIX["approve"][index] == A)
    assert user.has_perm("collaborations.change_theme") == (MATRIX["approve"][index] == A)
    assert user.has_perm("collaborations.change_arrangement") == (role == "beheerder")
    # the rules that used to be is_staff checks: reviewers, never the flag alone
    reviewer = MATRIX["approve"][index] == A
    assert permissions.uses_admin_site(user) == reviewer
    assert permissions.can_view_unpublished(user) == reviewer
    assert permissions.can_unlock_logins(user) == reviewer
    assert permissions.can_delete_records(user) == (role == "beheerder")
