"""The BRE analyses in the API (/api/v1/bre-analyses): start (authenticated, parameters
validated by name), follow (ETag from the run's state), cancel, clusters and municipalities
as JSON, GeoJSON and CSV, comparison; query counts. Data: the two-community fixture of
tests/harness/communities.py (a grid near Utrecht)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.test import Client

from collaborations.clustering import services
from collaborations.clustering.models import ClusteringRun
from collaborations.clustering.tasks import clustering_run_task
from regioatlas.celery import app
from tests.harness.accounts import api_token
from tests.harness.communities import build_two_communities

pytestmark = pytest.mark.django_db
URL = "/api/v1/bre-analyses"
SMALL = {
    "filters": {"include_divisions": False},
    "weighting": "count",
    "algorithm": "leiden",
    "resolution": 1.0,
    "seed": 1,
    "repetitions": 3,
    "split_contiguous": False,
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(db):
    return build_two_communities()


@pytest.fixture
def run(data) -> ClusteringRun:
    created = services.clustering_run_create(parameters=SMALL, enqueue=False)
    return services.clustering_run_execute(run_id=created.pk, make_default=True)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="onderzoeker")


@pytest.fixture
def token_client(client, user):
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {api_token(user)}"
    return client


@pytest.fixture
def no_worker(monkeypatch):
    """Runs whose task was handed to the broker (through the outbox), none executed."""
    sent = []

    def send_task(name, kwargs, task_id, **options):
        assert name == clustering_run_task.name
        sent.append(kwargs["run_id"])

    monkeypatch.setattr(app, "send_task", send_task)
    return sent


def _post(client, body, **extra):
    return client.post(URL, json.dumps(body), content_type="application/json", **extra)


# --- starting --------------------------------------------------------------------------------
def test_starting_needs_an_account(client, data):
    response = _post(client, {})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert not ClusteringRun.objects.exists()


def test_start_with_a_token(token_client, data, no_worker, django_capture_on_commit_callbacks):
    body = {
        "filters": {"thema": ["wonen"], "zonderIndeling": True, "peildatum": "2024-01-01"},
        "weging": "genormaliseerd",
        "resolutie": 1.5,
        "herhalingen": 4,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(token_client, body)
    assert response.status_code == 202
    run = ClusteringRun.objects.get()
    assert response["Location"].endswith(f"{URL}/{run.pk}")
    out = response.json()
    assert out["status"] == "wachtrij" and out["voortgang"] == 0 and not out["doorSysteem"]
    assert out["parameters"] == {
        "filters": {"thema": ["wonen"], "zonderIndeling": True, "peildatum": "2024-01-01"},
        "weging": "genormaliseerd",
        "algoritme": "leiden",
        "resolutie": 1.5,
        "seed": services.DEFAULT_PARAMETERS["seed"],
        "herhalingen": 4,
        "splitsAaneengesloten": False,
    }
    assert run.parameters["filters"] == {
        "themes": ["wonen"], "include_divisions": False, "day": "2024-01-01"
    }  # fmt: skip
    assert run.created_by.username == "onderzoeker"
    assert no_worker == [run.pk]


def test_start_with_a_session(client, user, data, no_worker):
    client.force_login(user)
    assert _post(client, {"resolutie": 2}).status_code == 202


def test_invalid_parameters_are_named(token_client, data, no_worker):
    response = _post(
        token_client,
        {
            "weging": "zwaar",
            "resolutie": 0,
            "herhalingen": 500,
            "seed": "een",
            "kleur": "rood",
            "filters": {"thema": ["bestaat-niet"], "onbekend": 1, "zonderIndeling": "ja"},
        },
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problems = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert set(problems) == {"weging", "kleur", "filters.onbekend"}  # found while mapping
    response = _post(
        token_client,
        {"resolutie": 0, "herhalingen": 500, "seed": "een", "filters": {"thema": ["x-y"]}},
    )
    problems = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert set(problems) == {"resolutie", "herhalingen", "seed", "filters.thema"}
    assert "x-y" in problems["filters.thema"]
    response = _post(token_client, [1, 2])
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "parameters"
    assert not ClusteringRun.objects.exists()


# --- following -------------------------------------------------------------------------------
def test_list_and_detail(client, run, django_assert_num_queries):
    with django_assert_num_queries(4):  # state, data version, count, page
        response = client.get(URL)
    assert response.status_code == 200 and response["Cache-Control"] == "no-cache"
    (row,) = response.json()["bre-analyses"]
    assert row["id"] == run.pk and row["status"] == "klaar" and row["standaard"]
    assert row["aantalClusters"] == 2 and row["weging"] == "aantal"
    assert client.get(URL, {"standaard": "false"}).json()["totaal"] == 0
    table = list(csv.reader(io.StringIO(client.get(URL, {"formaat": "csv"}).content.decode())))
    assert table[0][:3] == ["\ufeffid", "status", "voortgang"] and table[1][1] == "klaar"
    with django_assert_num_queries(2):  # run, data version
        detail = client.get(f"{URL}/{run.pk}")
    body = detail.json()
    assert body["maten"]["aantalClusters"] == 2 and body["maten"]["modulariteit"] > 0.4
    assert set(body["rekentijden"]) >= {"netwerk", "clustering", "totaal"}
    assert body["_links"]["clusters"].endswith(f"{URL}/{run.pk}/clusters")
    assert body["fout"] is None and body["doorSysteem"]
    assert client.get(f"{URL}/999999").status_code == 404


def test_etag_follows_the_run_state(client, data):
    run = services.clustering_run_create(parameters=SMALL, enqueue=False)
    first = client.get(f"{URL}/{run.pk}")
    assert first.json()["status"] == "wachtrij" and first["Cache-Control"] == "no-cache"
    again = client.get(f"{URL}/{run.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    services.clustering_run_execute(run_id=run.pk)
    later = client.get(f"{URL}/{run.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200 and later.json()["status"] == "klaar"
    assert later["ETag"] != first["ETag"] and "max-age=60" in later["Cache-Control"]


# --- cancelling ------------------------------------------------------------------------------
def test_cancel(token_client, user, data, no_worker, django_user_model):
    run = services.clustering_run_create(parameters=SMALL, by=user)
    url = f"{URL}/{run.pk}/annuleren"
    assert Client().post(url).status_code == 401
    other = Client()
    other.force_login(django_user_model.objects.create_user(username="ander"))
    assert other.post(url).status_code == 403
    response = token_client.post(url)
    assert response.status_code == 200 and response.json()["status"] == "geannuleerd"
    again = token_client.post(url)
    assert again.status_code == 409 and "geannuleerd" in again.json()["detail"]
    assert token_client.post(f"{URL}/999999/annuleren").status_code == 404


def test_staff_may_cancel_system_runs(client, data, django_user_model):
    """Staff by role (a moderator) may; the is_staff flag without a role may not."""
    from collaborations.registration.services.accounts import user_role_set

    run = ClusteringRun.objects.create(parameters=SMALL, status="running")
    flag_only = django_user_model.objects.create_user(username="s", is_staff=True)
    client.force_login(flag_only)
    assert client.post(f"{URL}/{run.pk}/annuleren").status_code == 403
    moderator = django_user_model.objects.create_user(username="b", is_staff=True)
    user_role_set(user=moderator, role="moderator")
    client.force_login(moderator)
    assert client.post(f"{URL}/{run.pk}/annuleren").json()["status"] == "geannuleerd"


# --- results ---------------------------------------------------------------------------------
def test_clusters_as_json_geojson_and_csv(client, run, data, django_assert_num_queries):
    url = f"{URL}/{run.pk}/clusters"
    with django_assert_num_queries(3):  # run, data version, clusters (members aggregated)
        response = client.get(url)
    body = response.json()
    assert body["totaal"] == 2
    first, second = body["clusters"]
    assert first["nummer"] == 1 and first["label"] == "Utrecht"
    assert first["gemeenten"] == ["GM9001", "GM9002", "GM9003", "GM9004"]
    assert first["territorialeCongruentieGewicht"] == pytest.approx(13 / 14, abs=1e-4)
    assert first["centrum"] == "GM9002" and first["aaneengesloten"] is True
    assert first["geometrie"]["type"] == "MultiPolygon"
    assert second["provincies"] == {"PV27": 4}
    geo = client.get(url, HTTP_ACCEPT="application/geo+json").json()
    assert geo["type"] == "FeatureCollection" and geo["numberMatched"] == 2
    assert geo["features"][0]["id"] == 1 and geo["features"][0]["geometry"]["type"]
    assert geo["features"][1]["properties"]["label"] == "Noord-Holland"
    table = list(csv.reader(io.StringIO(client.get(url, {"formaat": "csv"}).content.decode())))
    header = [h.lstrip("\ufeff") for h in table[0]]
    assert header[:3] == ["nummer", "label", "aantalGemeenten"] and len(table) == 3
    assert table[1][header.index("gemeenten")] == "GM9001; GM9002; GM9003; GM9004"
    bare = client.get(url, {"geometrie": "false"}).json()["clusters"][0]
    assert "geometrie" not in bare


def test_municipalities_as_json_geojson_and_csv(client, run, django_assert_num_queries):
    url = f"{URL}/{run.pk}/gemeenten"
    with django_assert_num_queries(4):  # run, data version, count, page
        response = client.get(url)
    body = response.json()
    assert body["totaal"] == 8
    row = body["gemeenten"][0]
    assert {k: row[k] for k in ("code", "naam", "provincie", "cluster", "clusterLabel")} == {
        "code": "GM9001",
        "naam": "a1",
        "provincie": "PV26",
        "cluster": 1,
        "clusterLabel": "Utrecht",
    }
    assert row["stabiliteit"] == 1.0 and row["geometrie"]["type"] == "MultiPolygon"
    paged = client.get(url, {"paginaGrootte": 3, "pagina": 3}).json()
    assert [r["code"] for r in paged["gemeenten"]] == ["GM9007", "GM9008"]
    geo = client.get(url, HTTP_ACCEPT="application/geo+json").json()
    assert geo["features"][4]["id"] == "GM9005" and geo["features"][4]["properties"]["cluster"] == 2
    table = list(csv.reader(io.StringIO(client.get(url, {"formaat": "csv"}).content.decode())))
    assert [h.lstrip("\ufeff") for h in table[0]] == [
        "code", "naam", "provincie", "cluster", "clusterLabel", "stabiliteit"
    ]  # fmt: skip
    assert len(table) == 9


def test_results_of_an_unfinished_run_are_a_conflict(client, data):
    run = services.clustering_run_create(parameters=SMALL, enqueue=False)
    for part in ("clusters", "gemeenten"):
        response = client.get(f"{URL}/{run.pk}/{part}")
        assert response.status_code == 409
        assert response["Content-Type"] == "application/problem+json"
        assert "wachtrij" in response.json()["detail"]
    assert client.get(f"{URL}/999999/clusters").status_code == 404


def test_compare(client, run, data, django_assert_num_queries):
    other = services.clustering_run_create(parameters={**SMALL, "resolution": 3.0}, enqueue=False)
    other = services.clustering_run_execute(run_id=other.pk)
    url = f"{URL}/vergelijking"
    with django_assert_num_queries(4):  # runs, data version, assignments of A and of B
        response = client.get(url, {"runA": run.pk, "runB": other.pk})
    body = response.json()
    assert body["runA"] == run.pk and body["runB"] == other.pk
    assert 0 <= body["ari"] <= 1 and 0 <= body["nmi"] <= 1
    assert body["aantalVeranderd"] == len(body["veranderd"])
    assert {m["clusterA"] for m in body["koppeling"]} == {1, 2}
    same = client.get(url, {"runA": run.pk, "runB": run.pk}).json()
    assert same["ari"] == 1.0 and same["veranderd"] == []
    missing = client.get(url, {"runA": run.pk})
    assert missing.status_code == 400 and missing.json()["invalidParams"][0]["name"] == "runB"
    assert client.get(url, {"runA": run.pk, "runB": 999999}).status_code == 404
    queued = services.clustering_run_create(parameters=SMALL, enqueue=False)
    assert client.get(url, {"runA": run.pk, "runB": queued.pk}).status_code == 409


def test_the_municipality_profile_has_its_bre(client, run, data):
    """Issue 13, item 3: the default run's cluster of a municipality, its stability, the other
    members and the neighbouring cluster, in the API and on the page."""
    code = data.m["a1"].code
    body = client.get(f"/api/v1/gemeenten/{code}?geometrie=false").json()
    bre = body["bre"]
    assert bre["analyse"] == run.pk
    assert 0 <= bre["stabiliteit"] <= 1
    assert code in [member["code"] for member in bre["leden"]]
    assert bre["aantalGemeenten"] == len(bre["leden"])
    assert [n["cluster"] for n in bre["buren"]] != [bre["cluster"]]
    assert len(bre["buren"]) == 1  # the two communities border each other
    page = client.get(f"/gemeenten/{code}").content.decode()
    assert "Bestuurlijk regionaal ecosysteem (BRE)" in page
    assert bre["label"] in page and bre["buren"][0]["label"] in page
    run.is_default = False
    run.save()
    cache.clear()
    assert client.get(f"/api/v1/gemeenten/{code}?geometrie=false").json()["bre"] is None
