"""Saved maps ("Mijn kaarten"): services, the API for the owner, the pages, and the share link
for anyone; another user never sees someone's map."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from collaborations.maps.models import SavedMap
from collaborations.maps.services import (
    saved_map_create,
    saved_map_share,
    saved_map_unshare,
    saved_map_update,
    state_normalise,
)
from tests.harness.accounts import api_token

pytestmark = pytest.mark.django_db
STATE = "lagen=gemeenten,gebieden&thema=jeugd&peildatum=2025-01-01"


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("eigenaar", password="x-Geheim-123")


@pytest.fixture
def other():
    return get_user_model().objects.create_user("ander", password="x-Geheim-123")


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def test_state_is_kept_as_a_clean_query_string():
    assert state_normalise("?" + STATE) == STATE.replace(",", "%2C")
    assert state_normalise("") == ""
    for bad in ("a=1#frag", "a=\x01", "x" * 3000):
        with pytest.raises(ValidationError):
            state_normalise(bad)


def test_create_rename_and_the_name_is_unique_per_owner(owner, other):
    saved = saved_map_create(owner=owner, name=" Jeugd 2025 ", state=STATE)
    assert saved.name == "Jeugd 2025"
    with pytest.raises(ValidationError) as error:
        saved_map_create(owner=owner, name="Jeugd 2025", state="")
    assert "name" in error.value.message_dict
    assert saved_map_create(owner=other, name="Jeugd 2025", state="")  # another owner may
    with pytest.raises(ValidationError):
        saved_map_update(saved=saved, name="   ")
    assert saved_map_update(saved=saved, name="Jeugdregio's").name == "Jeugdregio's"


def test_share_link_is_unguessable_stable_and_can_be_withdrawn(owner):
    saved = saved_map_create(owner=owner, name="Kaart", state=STATE)
    key = saved_map_share(saved=saved).share_key
    assert len(key) >= 40
    assert saved_map_share(saved=saved).share_key == key
    assert saved_map_unshare(saved=saved).share_key is None
    assert saved_map_share(saved=saved).share_key != key


def test_api_lists_creates_changes_shares_and_deletes_for_the_owner(owner):
    client = api(owner)
    created = client.post("/api/v1/kaarten", {"naam": "Jeugd", "toestand": STATE}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["kaartUrl"].endswith("/?" + state_normalise(STATE))
    assert created["Location"] == f"/api/v1/kaarten/{body['id']}"
    listed = client.get("/api/v1/kaarten").json()["kaarten"]
    assert [m["naam"] for m in listed] == ["Jeugd"]
    changed = client.patch(f"/api/v1/kaarten/{body['id']}", {"naam": "Jeugd 2025"}, format="json")
    assert changed.json()["naam"] == "Jeugd 2025"
    shared = client.post(f"/api/v1/kaarten/{body['id']}/deellink").json()
    assert shared["gedeeld"] and "/kaart/" in shared["deellink"]
    key = shared["deellink"].rsplit("/", 1)[1]
    public = api().get(f"/api/v1/gedeelde-kaarten/{key}")
    assert public.status_code == 200
    assert public.json()["toestand"] == state_normalise(STATE)
    assert client.delete(f"/api/v1/kaarten/{body['id']}/deellink").json()["deellink"] is None
    assert api().get(f"/api/v1/gedeelde-kaarten/{key}").status_code == 404
    assert client.delete(f"/api/v1/kaarten/{body['id']}").status_code == 204
    assert not SavedMap.objects.exists()


def test_api_refuses_anonymous_and_hides_maps_of_others(owner, other):
    saved = saved_map_create(owner=owner, name="Privé", state=STATE)
    assert api().get("/api/v1/kaarten").status_code == 401
    for method in ("get", "patch", "delete"):
        response = getattr(api(other), method)(f"/api/v1/kaarten/{saved.pk}", {}, format="json")
        assert response.status_code == 404, method
    assert api(other).post(f"/api/v1/kaarten/{saved.pk}/deellink").status_code == 404
    assert api(other).get("/api/v1/kaarten").json() == {"kaarten": []}


def test_api_names_bad_fields(owner):
    client = api(owner)
    missing = client.post("/api/v1/kaarten", {"toestand": STATE}, format="json")
    assert missing.status_code == 400
    assert [p["name"] for p in missing.json()["invalidParams"]] == ["naam"]
    saved_map_create(owner=owner, name="Dubbel", state="")
    twice = client.post("/api/v1/kaarten", {"naam": "Dubbel", "toestand": ""}, format="json")
    assert twice.status_code == 422
    assert [p["name"] for p in twice.json()["invalidParams"]] == ["naam"]
    fragment = client.post("/api/v1/kaarten", {"naam": "X", "toestand": "a=1#b"}, format="json")
    assert [p["name"] for p in fragment.json()["invalidParams"]] == ["toestand"]


def test_pages_save_rename_share_open_and_delete(client, owner, other):
    client.force_login(owner)
    page = client.get("/kaarten", {"toestand": STATE})
    assert page.status_code == 200
    saved = client.post("/kaarten", {"name": "Jeugd", "state": STATE})
    assert saved.status_code == 302
    saved = SavedMap.objects.get()
    assert client.get(f"/kaarten/{saved.pk}")["Location"] == "/?" + saved.state
    client.post(f"/kaarten/{saved.pk}/naam", {"name": "Jeugd 2025"})
    client.post(f"/kaarten/{saved.pk}/delen")
    saved.refresh_from_db()
    assert saved.name == "Jeugd 2025" and saved.share_key
    anonymous = client.__class__()
    assert anonymous.get(f"/kaart/{saved.share_key}")["Location"] == "/?" + saved.state
    client.force_login(other)
    assert client.get(f"/kaarten/{saved.pk}").status_code == 404
    assert client.post(f"/kaarten/{saved.pk}/verwijderen").status_code == 404
    client.force_login(owner)
    client.post(f"/kaarten/{saved.pk}/verwijderen")
    assert not SavedMap.objects.exists()
    assert anonymous.get(f"/kaart/{saved.share_key}").status_code == 404


def test_a_duplicate_name_is_a_form_error_not_a_500(client, owner):
    client.force_login(owner)
    saved_map_create(owner=owner, name="Dubbel", state="")
    response = client.post("/kaarten", {"name": "Dubbel", "state": ""})
    assert response.status_code == 400
    assert "al een kaart met deze naam" in response.content.decode()
