"""Writes under concurrency, through gunicorn with compression on: the validator as the client
received it works; of simultaneous changes of one version exactly one wins and the others are
refused without a trace (412 in the API, 409 with the conflict on the form); an import commit
racing an edit never loses or mixes either write."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from collaborations.arrangements.models import Arrangement
from collaborations.registration.choices import RevisionKind
from collaborations.registration.models import ArrangementRevision
from tests.harness.accounts import api_token
from tests.harness.forms import form_with, replaced
from tests.registration.conftest import PASSWORD

pytestmark = [pytest.mark.live]
RACERS = 16
GZIP = {"Accept-Encoding": "gzip"}


def client(user) -> requests.Session:
    session = requests.Session()
    session.headers.update({**GZIP, "Authorization": f"Token {api_token(user)}"})
    return session


def changes_url(live, arrangement) -> str:
    return f"{live.url}/api/v1/samenwerkingsverbanden/{arrangement.pk}/wijzigingen"


def change(session, url, etag, **fields):
    headers = {} if etag is None else {"If-Match": etag}
    body = {"reden": "Test van gelijktijdigheid", **fields}
    return session.post(url, json=body, headers=headers, timeout=30)


def revisions(arrangement) -> int:
    """Revisions that record a change (the baseline of the first change is not one)."""
    changes = ArrangementRevision.objects.exclude(kind=RevisionKind.BASELINE)
    return changes.filter(arrangement=arrangement).count()


def test_a_write_with_the_etag_as_received_succeeds(live, world):
    session, url = client(world.users["moderator"]), changes_url(live, world.own)
    first = change(session, url, f'"sv-{world.own.pk}-v1"', omschrijving="Eerste wijziging")
    assert first.status_code == 201, first.text
    history = session.get(url, timeout=10)
    assert history.headers["Content-Encoding"] == "gzip"
    etag = history.headers["ETag"]
    assert etag == f'W/"sv-{world.own.pk}-v2"'  # weakened by compression, as clients see it
    assert session.get(url, headers={"If-None-Match": etag}, timeout=10).status_code == 304
    second = change(session, url, etag, omschrijving="Tweede wijziging")
    assert second.status_code == 201, second.text
    assert second.headers["ETag"].removeprefix("W/") == f'"sv-{world.own.pk}-v3"'
    stale = change(session, url, etag, omschrijving="Met een oude versie")
    assert stale.status_code == 412
    assert stale.headers["Content-Type"] == "application/problem+json"
    missing = change(session, url, None, omschrijving="Zonder versie")
    assert missing.status_code == 428
    world.own.refresh_from_db()
    assert (world.own.description, world.own.version) == ("Tweede wijziging", 3)


def test_sixteen_simultaneous_changes_of_one_version_one_wins(live, world):
    session, url = client(world.users["moderator"]), changes_url(live, world.own)
    etag = session.get(url, timeout=10).headers["ETag"]
    before = revisions(world.own)
    sessions = [client(world.users["moderator"]) for _ in range(RACERS)]
    with ThreadPoolExecutor(RACERS) as pool:
        statuses = list(
            pool.map(
                lambda i: (
                    change(sessions[i], url, etag, website=f"https://regio-{i}.nl").status_code
                ),
                range(RACERS),
            )
        )
    assert sorted(statuses) == [201] + [412] * (RACERS - 1)
    assert revisions(world.own) == before + 1
    world.own.refresh_from_db()
    assert world.own.version == 2
    winner = statuses.index(201)
    assert world.own.website == f"https://regio-{winner}.nl"


def logged_in(live, user) -> requests.Session:
    session = requests.Session()
    session.headers.update(GZIP)
    login = f"{live.url}/account/inloggen"
    page = session.get(login, timeout=10)
    form = form_with(page.text, "username")
    fields = replaced(form["fields"], username=user.username, password=PASSWORD)
    response = session.post(login, data=fields, headers={"Referer": login}, timeout=10)
    assert response.status_code == 200 and "sessionid" in session.cookies, response.text[:500]
    return session


def test_simultaneous_form_saves_of_one_version_one_wins(live, world):
    url = f"{live.url}/registratie/samenwerkingsverbanden/{world.own.pk}/wijzigen"
    sessions = [logged_in(live, world.users["moderator"]) for _ in range(RACERS)]
    forms = [form_with(s.get(url, timeout=10).text, "version") for s in sessions]
    assert {dict(f["fields"])["version"] for f in forms} == {"1"}
    before = revisions(world.own)

    def save(i: int) -> requests.Response:
        fields = replaced(forms[i]["fields"], website=f"https://vorm-{i}.nl", reason="Gelijktijdig")
        return sessions[i].post(
            url, data=fields, headers={"Referer": url}, allow_redirects=False, timeout=30
        )

    with ThreadPoolExecutor(RACERS) as pool:
        responses = list(pool.map(save, range(RACERS)))
    statuses = [r.status_code for r in responses]
    assert sorted(statuses) == [302] + [409] * (RACERS - 1), statuses
    losers = [r for r in responses if r.status_code == 409]
    assert all("version" in r.text and "vorm-" in r.text for r in losers)  # kept for a retry
    assert revisions(world.own) == before + 1
    world.own.refresh_from_db()
    assert world.own.website == f"https://vorm-{statuses.index(302)}.nl"


def start_import(session, live, arrangement, description: str) -> int:
    content = (
        f"id;naam;rechtsvormfamilie;themas;leden;omschrijving\n{arrangement.pk};;;;;{description}\n"
    )
    response = session.post(
        f"{live.url}/api/v1/imports",
        data={"soort": "samenwerkingsverbanden", "reden": "Import van de provincie"},
        files={"bestand": ("wijziging.csv", content.encode(), "text/csv")},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "gecontroleerd", response.text
    return response.json()["id"]


@pytest.mark.slow
def test_an_import_commit_racing_an_edit_never_mixes_them(live, world):
    session, url = client(world.users["moderator"]), changes_url(live, world.own)
    outcomes = set()
    for round_ in range(6):
        arrangement = Arrangement.objects.get(pk=world.own.pk)
        before = (revisions(arrangement), arrangement.version, arrangement.description)
        job = start_import(session, live, arrangement, f"Import {round_}")
        etag = session.get(url, timeout=10).headers["ETag"]
        commit = f"{live.url}/api/v1/imports/{job}/doorvoeren"
        with ThreadPoolExecutor(2) as pool:
            committed = pool.submit(session.post, commit, json={}, timeout=30)
            edited = pool.submit(
                change, client(world.users["moderator"]), url, etag, website=f"https://r{round_}.nl"
            )
        committed, edited = committed.result(), edited.result()
        # The commit that loses is refused as a conflict; the job says so and wrote nothing.
        assert committed.status_code in (200, 201, 202, 409), committed.text
        status = session.get(f"{live.url}/api/v1/imports/{job}", timeout=10).json()["status"]
        arrangement.refresh_from_db()
        assert revisions(arrangement) == before[0] + 1  # exactly one of the two writes
        assert arrangement.version == before[1] + 1
        if edited.status_code == 201:
            assert status in ("mislukt", "ongeldig"), status
            assert committed.status_code == 409
            assert (arrangement.website, arrangement.description) == (
                f"https://r{round_}.nl",
                before[2],
            )
            outcomes.add("edit first")
        else:
            assert edited.status_code == 412, edited.text
            assert status == "doorgevoerd"
            assert arrangement.description == f"Import {round_}"
            assert not re.search(rf"r{round_}\.nl", arrangement.website or "")
            outcomes.add("import first")
    assert outcomes  # both orders are fine; which one happens depends on the scheduler
