"""API tokens you can trust: the database holds a digest, not the key; tokens expire, can be
revoked, record their last use cheaply; expired, revoked and unknown keys get a 401 problem.
The same through the live server (gunicorn, requests with gzip)."""

from __future__ import annotations

import datetime
import importlib
import re

import pytest
import requests
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from collaborations.accounts.models import ApiToken
from collaborations.accounts.services.tokens import api_token_create, api_token_revoke
from collaborations.accounts.tokens import key_digest
from tests.harness.accounts import api_token

pytestmark = pytest.mark.django_db
URL = "/api/v1/bre-analyses"  # any endpoint that reads who asks
PROBLEM = "application/problem+json"


@pytest.fixture
def user():
    return get_user_model().objects.create_user(username="lezer", password="Lang-wachtwoord-42")


def _get(client, key: str):
    return client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")


def test_the_database_holds_a_digest_never_the_key(user):
    new = api_token_create(user=user, name="script")
    assert re.fullmatch(r"[0-9a-f]{64}", new.key)
    row = ApiToken.objects.values().get()
    assert new.key not in {str(v) for v in row.values()}
    assert row["digest"] == key_digest(new.key) != new.key
    assert new.key.startswith(row["prefix"]) and len(row["prefix"]) < 10
    assert row["expires_at"] - row["created_at"] == datetime.timedelta(days=90)
    with connection.cursor() as cursor:  # nowhere in the table, whatever the column
        cursor.execute("SELECT count(*) FROM collaborations_apitoken WHERE row_to_json(collaborations_apitoken)::text LIKE %s", [f"%{new.key}%"])  # fmt: skip
        assert cursor.fetchone()[0] == 0


def test_a_token_authenticates_and_records_its_last_use_once_a_minute(client, user):
    key = api_token(user)
    assert _get(client, key).status_code == 200
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    assert _get(client, key).status_code == 200
    assert ApiToken.objects.get().last_used_at == first  # not written again within a minute
    ApiToken.objects.update(last_used_at=timezone.now() - datetime.timedelta(minutes=2))
    assert _get(client, key).status_code == 200
    assert ApiToken.objects.get().last_used_at > first


@pytest.mark.parametrize("state", ["verlopen", "ingetrokken", "onbekend", "account-uit"])
def test_expired_revoked_and_unknown_tokens_get_a_401_problem(client, user, state):
    key = api_token(user)
    if state == "verlopen":
        ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif state == "ingetrokken":
        assert api_token_revoke(user=user) == 1
    elif state == "onbekend":
        key = "0" * 64
    else:
        user.is_active = False
        user.save()
    response = _get(client, key)
    assert response.status_code == 401
    assert response["Content-Type"].startswith(PROBLEM)
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["status"] == 401


def test_several_named_tokens_a_limit_and_revoking_one(client, user, settings):
    settings.REGIOATLAS_API_TOKENS_PER_USER = 3
    keys = [api_token_create(user=user, name=f"script {i}").key for i in range(3)]
    with pytest.raises(Exception, match="3 werkende tokens"):
        api_token_create(user=user, name="te veel")
    middle = ApiToken.objects.get(name="script 1")
    assert api_token_revoke(user=user, token_id=middle.pk) == 1
    assert [_get(client, k).status_code for k in keys] == [200, 401, 200]
    api_token_create(user=user, name="weer ruimte")  # a revoked token frees its place


def test_the_token_page_shows_each_token_once_with_its_dates(client, user, settings):
    settings.REGIOATLAS_RATE_TOKEN_CREATE = "2/h"
    client.force_login(user)
    page = reverse("registration:api-token")
    response = client.post(page, {"actie": "aanmaken", "naam": "Mijn <b>script</b>"})
    html = response.content.decode()
    key = re.search(r'id="new-token" type="text" readonly value="([0-9a-f]{64})"', html).group(1)
    assert "Mijn &lt;b&gt;script&lt;/b&gt;" in html  # a name is text
    _get(client.__class__(), key)  # used once
    html = client.get(page).content.decode()
    assert key not in html  # shown once only
    token = ApiToken.objects.get()
    assert f"{token.prefix}…" in html and "nooit" not in html  # last use shown
    assert "werkt" in html
    client.post(page, {"actie": "aanmaken", "naam": "tweede"})
    refused = client.post(page, {"actie": "aanmaken", "naam": "derde"}, follow=True)
    assert "te veel tokens" in refused.content.decode()  # rate limit of token creation
    assert ApiToken.objects.count() == 2
    revoked = client.post(page, {"actie": "intrekken", "token": str(token.pk)}, follow=True)
    assert "ingetrokken" in revoked.content.decode()
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_migration_hashes_existing_drf_tokens(user):
    """rest_framework.authtoken's plain keys become digests; the users keep their keys."""
    migration = importlib.import_module("collaborations.migrations.0010_api_tokens")
    key = "abcdef0123456789abcdef0123456789abcdef01"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamptz, user_id int)"
        )
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, now(), %s)", [key, user.pk])

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.hash_drf_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()  # dropped
    token = ApiToken.objects.get()
    assert token.digest == key_digest(key) and token.user == user
    assert token.expires_at > timezone.now() + datetime.timedelta(days=89)


@pytest.mark.slow
def test_through_the_live_server_an_expired_token_gets_401(live, user):
    key = api_token(user)
    headers = {"Authorization": f"Token {key}", "Accept-Encoding": "gzip"}
    assert requests.get(live.url + URL, headers=headers, timeout=10).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = requests.get(live.url + URL, headers=headers, timeout=10)
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith(PROBLEM)
    assert "verlopen" in response.json()["detail"]
    assert not ApiToken.objects.filter(digest=key).exists()
