"""No open redirect: every view that reads ``next`` (the login, logout, language switch and
admin login of Django, and the registration's confirm) ignores a ``next`` to another site, in
all the spellings browsers accept, and follows one into this site."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from collaborations.accounts.choices import EditorRole
from collaborations.registration.services.accounts import user_role_set
from tests.factories import ArrangementFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Lang-en-geheim-wachtwoord-7"
EVIL = [
    "https://evil.example",
    "https://evil.example/account/inloggen",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http://127.0.0.1.evil.example/",
    "javascript:alert(1)",
    " https://evil.example",
]


@pytest.fixture
def moderator():
    user = get_user_model().objects.create_user(username="mod", password=PASSWORD)
    user_role_set(user=user, role=EditorRole.MODERATOR)
    return user


def _safe(response, expected_prefix: str = "/") -> str:
    location = response.get("Location", "")
    assert response.status_code in (301, 302, 303), (response.status_code, location)
    assert "evil" not in location and not location.startswith(("//", "javascript", " ")), location
    assert location.startswith(expected_prefix), location
    return location


@pytest.mark.parametrize("target", EVIL)
def test_login_ignores_a_foreign_next(client, moderator, target):
    response = client.post(
        reverse("registration:login") + "?next=" + requests.utils.quote(target, safe=""),
        {"username": "mod", "password": PASSWORD, "next": target},
    )
    assert _safe(response) == reverse("registration:dashboard")
    # logged in already: the login page sends one on, not away
    again = client.get(reverse("registration:login"), {"next": target})
    assert _safe(again) == reverse("registration:dashboard")


@pytest.mark.parametrize("target", EVIL)
def test_logout_ignores_a_foreign_next(client, moderator, target):
    client.force_login(moderator)
    response = client.post(reverse("registration:logout"), {"next": target})
    if response.status_code == 200:  # the logged-out page, no redirect at all
        assert b"evil" not in response.content
    else:
        _safe(response)


@pytest.mark.parametrize("target", EVIL)
def test_language_switch_ignores_a_foreign_next(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    _safe(response)


@pytest.mark.parametrize("target", EVIL)
def test_admin_login_ignores_a_foreign_next(client, moderator, target):
    response = client.post(
        "/admin/login/", {"username": "mod", "password": PASSWORD, "next": target}
    )
    assert _safe(response) in ("/admin/", reverse("registration:dashboard"))


@pytest.mark.parametrize("target", EVIL)
def test_confirm_ignores_a_foreign_next(client, moderator, target):
    arrangement = ArrangementFactory()
    client.force_login(moderator)
    url = reverse("registration:confirm", args=[arrangement.pk])
    response = client.post(url, {"next": target})
    assert _safe(response) == reverse("registration:history", args=[arrangement.pk])


def test_a_next_into_the_site_is_followed(client, moderator):
    arrangement = ArrangementFactory()
    inside = reverse("registration:history", args=[arrangement.pk]) + "?x=1"
    response = client.post(
        reverse("registration:login"), {"username": "mod", "password": PASSWORD, "next": inside}
    )
    assert _safe(response) == inside
    url = reverse("registration:confirm", args=[arrangement.pk])
    assert _safe(client.post(url, {"next": "/statistieken"})) == "/statistieken"


def test_every_next_read_goes_through_a_check():
    """Reading ``next`` anywhere else than atlas_web/views/redirects.py needs a test here."""
    root = Path(__file__).resolve().parents[2]
    readers = [
        path.relative_to(root).as_posix()
        for folder in ("atlas_web", "atlas_api", "collaborations", "regioatlas")
        for path in (root / folder).rglob("*.py")
        if any(
            s in path.read_text()
            for s in (
                'GET.get("next"',
                'POST.get("next"',
                'GET["next"',
                'POST["next"',
                "HTTP_REFERER",
            )
        )
    ]
    assert readers == ["atlas_web/views/redirects.py"]


@pytest.mark.slow
def test_through_the_live_server(live, moderator):
    """The login page as a browser posts it (CSRF cookie and token), with a foreign next."""
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    page = session.get(live.url + "/account/inloggen?next=https://evil.example", timeout=10)
    token = session.cookies["csrftoken"]
    assert 'name="next" value=""' in page.text  # Django's login drops a foreign next at once
    response = session.post(
        live.url + "/account/inloggen",
        data={
            "username": "mod",
            "password": PASSWORD,
            "next": "https://evil.example",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": live.url + "/account/inloggen"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/registratie"
