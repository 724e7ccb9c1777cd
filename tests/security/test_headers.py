"""The security headers of the running site: an enforced Content-Security-Policy (parsed),
Permissions-Policy, Referrer-Policy, X-Content-Type-Options, X-Frame-Options, and a nonce only
where django-leaflet's admin maps need one."""

from __future__ import annotations

import re

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from collaborations.accounts.choices import EditorRole
from collaborations.registration.services.accounts import user_role_set

BASEMAP = "https://service.pdok.nl"


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_policy(header: str, *, nonce: bool = False) -> dict[str, list[str]]:
    """The site's policy: everything from the site itself, scripts without inline code (a
    nonce on admin pages with a map), no plugins, no framing, forms and base URL to the site,
    images and connections to the site and the base map."""
    policy = parse_policy(header)
    assert policy["default-src"] == ["'self'"]
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"} & set(scripts)
    nonces = [s for s in scripts if s.startswith("'nonce-")]
    assert len(nonces) == (1 if nonce else 0), scripts
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert set(policy["img-src"]) <= {"'self'", "data:", "blob:", BASEMAP}
    assert set(policy["connect-src"]) == {"'self'", BASEMAP}
    assert "script-src-attr" not in policy and "script-src-elem" not in policy
    return policy


@pytest.mark.django_db
def test_every_kind_of_response_sends_the_policy(client):
    for url in ("/", "/statistieken", "/account/inloggen", "/api/v1/themas", "/bestaat-niet"):
        response = client.get(url)
        assert_policy(response["Content-Security-Policy"])
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "geolocation=()" in response["Permissions-Policy"]
        assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_api_docs_keep_scripts_strict(client):
    swagger = client.get("/api/v1/docs")
    assert_policy(swagger["Content-Security-Policy"])
    assert b"<script>" not in swagger.content  # its start script is a file
    script = client.get("/api/v1/docs?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    redoc = client.get("/api/v1/redoc")
    policy = parse_policy(redoc["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # Redoc's page relaxes styles only
    assert b"fonts.googleapis" not in redoc.content and b"<script>" not in redoc.content


@pytest.mark.slow
def test_through_the_live_server(live):
    moderator = get_user_model().objects.create_user(username="m", password="x")
    user_role_set(user=moderator, role=EditorRole.MODERATOR)
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    for path in ("/", "/api/v1/samenwerkingsverbanden", "/health"):
        response = session.get(live.url + path, timeout=10)
        assert response.status_code == 200
        assert_policy(response.headers["Content-Security-Policy"])
        assert "Content-Security-Policy-Report-Only" not in response.headers  # enforced
    # an admin page with a django-leaflet map: its inline script carries the header's nonce
    cookies = Client()
    cookies.force_login(moderator)
    session.cookies.set("sessionid", cookies.cookies["sessionid"].value)
    response = session.get(f"{live.url}/admin/collaborations/municipality/kaart/", timeout=10)
    assert response.status_code == 200
    policy = assert_policy(response.headers["Content-Security-Policy"], nonce=True)
    nonce = next(s for s in policy["script-src"] if s.startswith("'nonce-"))[7:-1]
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    inline = [attributes for attributes in inline if "application/json" not in attributes]
    assert inline and all(f'nonce="{nonce}"' in attributes for attributes in inline)
