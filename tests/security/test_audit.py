"""The audit log: one structured line (logger regioatlas.audit, JSON) for each login failure,
lockout, unlock, role change, token made or revoked, import committed and revert, naming the
acting account and what it acted on, and never a password or a key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaborations.accounts.services.tokens import api_token_create, api_token_revoke
from collaborations.registration.choices import ImportKind, ImportStatus
from collaborations.registration.models import ArrangementRevision
from collaborations.registration.selectors.states import arrangement_state
from collaborations.registration.services.accounts import user_role_remove, user_role_set
from collaborations.registration.services.history import arrangement_revert
from collaborations.registration.services.imports import (
    import_job_commit_request,
    import_job_create,
)
from collaborations.registration.services.submissions import registration_submit

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "registration"


def events(caplog, name: str) -> list[dict]:
    lines = []
    for record in caplog.records:
        if record.name == "regioatlas.audit":
            line = json.loads(record.getMessage())
            assert line == record.audit  # the message is the record's structured data
            if line["event"] == name:
                lines.append(line)
    return lines


@pytest.fixture(autouse=True)
def _audit_level(caplog):
    caplog.set_level("INFO", logger="regioatlas.audit")


def test_login_failures_lockout_and_unlock(client, world, caplog, settings):
    settings.AXES_FAILURE_LIMIT = 3
    login = reverse("registration:login")
    for _ in range(3):
        response = client.post(login, {"username": "gemeente", "password": "fout-wachtwoord-1"})
    assert response.status_code == 429
    failed = events(caplog, "login.failed")
    assert len(failed) == 3
    assert failed[0] == {
        "event": "login.failed",
        "by": None,
        "target": "gemeente",
        "locked_out": False,
        "ip": "127.0.0.1",
        "path": login,
    }
    assert events(caplog, "login.locked_out") == [
        {
            "event": "login.locked_out",
            "by": None,
            "target": "gemeente",
            "ip": "127.0.0.1",
            "path": login,
        }
    ]
    assert "fout-wachtwoord" not in caplog.text
    client.force_login(world.users["moderator"])
    unlock = client.post(
        reverse("registration:lockouts"), {"soort": "account", "waarde": "gemeente"}
    )
    assert unlock.status_code == 302
    (line,) = events(caplog, "login.unlocked")
    assert (line["by"], line["kind"], line["target"]) == ("moderator", "account", "gemeente")
    assert line["removed"] >= 1
    client.logout()
    ok = client.post(login, {"username": "gemeente", "password": PASSWORD})
    assert ok.status_code == 302  # the account works again (the address was unlocked too: see
    # test_lockout_live for the address on its own)
    assert [line["by"] for line in events(caplog, "login.succeeded")] == ["moderator", "gemeente"]


def test_role_changes(world, caplog):
    admin, visitor = world.users["beheerder"], world.users["zonder-rol"]
    user_role_set(user=visitor, role="moderator", organisation_label="BZK", by=admin)
    user_role_set(
        user=visitor, role="gemeente-redacteur", municipalities=world.municipalities[:1], by=admin
    )
    first, second = events(caplog, "role.changed")
    assert (first["by"], first["target"], first["role"], first["previous"]) == (
        "beheerder",
        "bezoeker",
        "moderator",
        None,
    )
    assert (second["role"], second["previous"], second["municipalities"]) == (
        "gemeente-redacteur",
        "moderator",
        ["GM9000"],
    )
    user_role_remove(user=visitor, by=admin)
    (removed,) = events(caplog, "role.removed")
    assert (removed["by"], removed["target"], removed["previous"]) == (
        "beheerder",
        "bezoeker",
        "gemeente-redacteur",
    )


def test_role_changes_in_the_admin_name_the_administrator(client, world, caplog):
    client.force_login(world.users["beheerder"])
    visitor = world.users["zonder-rol"]
    response = client.post(
        "/admin/collaborations/userrole/add/",
        {"user": visitor.pk, "role": "moderator", "organisation_label": "Provincie"},
    )
    assert response.status_code == 302
    (line,) = events(caplog, "role.changed")
    assert (line["by"], line["target"], line["role"]) == ("beheerder", "bezoeker", "moderator")


def test_tokens_made_and_revoked(world, caplog):
    user = world.users["gemeente"]
    new = api_token_create(user=user, name="script")
    api_token_revoke(user=user, token_id=new.token.pk)
    (made,) = events(caplog, "token.created")
    (revoked,) = events(caplog, "token.revoked")
    assert (made["by"], made["target"], made["token"], made["name"]) == (
        "gemeente",
        "gemeente",
        new.token.pk,
        "script",
    )
    assert (revoked["by"], revoked["token"]) == ("gemeente", new.token.pk)
    assert new.key not in caplog.text


def test_import_committed(world, caplog):
    moderator = world.users["moderator"]
    content = (DATA / "samenwerkingsverbanden_goed.csv").read_bytes()
    job = import_job_create(
        by=moderator,
        kind=ImportKind.ARRANGEMENTS,
        upload=SimpleUploadedFile("goed.csv", content),
        reason="Import van de provincie",
    )
    job = import_job_commit_request(job=job, by=moderator)
    assert job.status == ImportStatus.COMMITTED
    (requested,) = events(caplog, "import.commit_requested")
    (committed,) = events(caplog, "import.committed")
    assert (requested["by"], requested["job"]) == ("moderator", job.pk)
    assert (committed["by"], committed["job"], committed["written"]) == ("moderator", job.pk, 3)


def test_revert(world, caplog):
    moderator = world.users["moderator"]
    state = arrangement_state(arrangement_id=world.own.pk)
    registration_submit(
        by=moderator,
        state=dict(state, name="Fout"),
        reason="x",
        arrangement=world.own,
        expected_version=1,
    )
    world.own.refresh_from_db()
    first = ArrangementRevision.objects.get(arrangement=world.own, version=1)
    arrangement_revert(
        arrangement=world.own, revision=first, by=moderator, reason="terug", expected_version=2
    )
    (line,) = events(caplog, "arrangement.reverted")
    assert line == {
        "event": "arrangement.reverted",
        "by": "moderator",
        "arrangement": world.own.pk,
        "to_version": 1,
        "new_version": 3,
    }
