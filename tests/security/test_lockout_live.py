"""Brute force through the running site (gunicorn on the test database, requests as a client):
10 wrong passwords lock the account and, separately, the address; the right password is then
refused with a page that says until when; the lock expires by itself; the admin login is
covered too; a moderator can lift a lock; password reset mails are rate limited.

The site here is a gunicorn of its own (from the ``live`` site's environment) with a cool-off
of a few seconds, behind one "proxy": the client's address is the last X-Forwarded-For entry,
so the test can speak from several addresses."""

from __future__ import annotations

import re
import time

import pytest
import requests
from django.contrib.auth import get_user_model

from collaborations.accounts.choices import EditorRole
from collaborations.registration.services.accounts import user_role_set
from tests.harness.processes import Gunicorn

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
COOL_OFF = 4
PASSWORD = "Lang-en-geheim-wachtwoord-7"
LOGIN = "/account/inloggen"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(scope="module")
def site(live_site, tmp_path_factory):
    env = dict(
        live_site.env,
        REGIOATLAS_LOGIN_COOLOFF_SECONDS=str(COOL_OFF),
        REGIOATLAS_PROXY_COUNT="1",
        REGIOATLAS_RATE_PASSWORD_RESET="3/h",
    )
    server = Gunicorn(env, tmp_path_factory.mktemp("lockout") / "gunicorn.log", workers=1)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def accounts(live):
    users = {}
    for name, role in (("redacteur", None), ("moderator", EditorRole.MODERATOR)):
        user = get_user_model().objects.create_user(
            username=name, password=PASSWORD, email=f"{name}@example.org"
        )
        if role:
            user_role_set(user=user, role=role)
        users[name] = user
    return users


def attempt(site, path: str, username: str, password: str, address: str) -> requests.Response:
    """One login as a browser does it (the form for its CSRF token, then the post)."""
    session = requests.Session()
    session.headers.update({"Accept-Encoding": "gzip", "X-Forwarded-For": address})
    form = session.get(site.url + path, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return session.post(
        site.url + path,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": site.url + path},
        allow_redirects=False,
        timeout=10,
    )


def locked(response: requests.Response) -> bool:
    if response.status_code != 429:
        return False
    assert "Inloggen tijdelijk geblokkeerd" in response.text
    assert re.search(r"Probeer het opnieuw na \d\d:\d\d", response.text)
    assert int(response.headers["Retry-After"]) <= COOL_OFF
    return True


def logged_in(response: requests.Response) -> bool:
    return response.status_code == 302


@pytest.mark.parametrize("path", [LOGIN, ADMIN_LOGIN])
def test_ten_wrong_passwords_lock_the_account(site, accounts, path):
    user = "moderator"
    # nine failures from nine addresses: refused as wrong, not yet locked
    for i in range(9):
        response = attempt(site, path, user, "fout", f"198.51.100.{i}")
        assert response.status_code == 200 and not locked(response)
    # the tenth locks the account, whatever the address
    assert locked(attempt(site, path, user, "fout", "198.51.100.9"))
    assert locked(attempt(site, path, user, PASSWORD, "203.0.113.77"))  # the right password too
    assert logged_in(attempt(site, LOGIN, "redacteur", PASSWORD, "203.0.113.77"))  # others work
    time.sleep(COOL_OFF + 0.5)
    assert logged_in(attempt(site, path, user, PASSWORD, "203.0.113.78"))  # the lock expired


def test_ten_wrong_passwords_from_one_address_lock_the_address(site, accounts):
    address = "192.0.2.10"
    for i in range(9):
        assert attempt(site, LOGIN, f"geraden-{i}", "fout", address).status_code == 200
    assert locked(attempt(site, LOGIN, "geraden-9", "fout", address))
    assert locked(attempt(site, LOGIN, "redacteur", PASSWORD, address))  # any account from there
    assert logged_in(attempt(site, LOGIN, "redacteur", PASSWORD, "192.0.2.11"))  # elsewhere: fine
    time.sleep(COOL_OFF + 0.5)
    assert logged_in(attempt(site, LOGIN, "redacteur", PASSWORD, address))


def test_a_moderator_lifts_a_lock(site, accounts, settings):
    for i in range(10):
        attempt(site, LOGIN, "redacteur", "fout", f"198.51.100.{20 + i}")
    assert locked(attempt(site, LOGIN, "redacteur", PASSWORD, "198.51.100.50"))
    moderator = requests.Session()
    moderator.headers.update({"Accept-Encoding": "gzip", "X-Forwarded-For": "203.0.113.5"})
    form = moderator.get(site.url + LOGIN, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    moderator.post(
        site.url + LOGIN,
        data={"username": "moderator", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": site.url + LOGIN},
        timeout=10,
    )
    page = moderator.get(site.url + "/registratie/vergrendelingen", timeout=10)
    assert page.status_code == 200 and "redacteur" in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    moderator.post(
        site.url + "/registratie/vergrendelingen",
        data={"soort": "account", "waarde": "redacteur", "csrfmiddlewaretoken": token},
        headers={"Referer": site.url + "/registratie/vergrendelingen"},
        timeout=10,
    )
    assert logged_in(attempt(site, LOGIN, "redacteur", PASSWORD, "198.51.100.51"))
    log = site.log.read_text()
    assert '"event": "login.locked_out"' in log and '"event": "login.unlocked"' in log


def test_password_reset_is_rate_limited(site, accounts):
    session = requests.Session()
    session.headers.update({"Accept-Encoding": "gzip", "X-Forwarded-For": "192.0.2.99"})
    url = site.url + "/account/wachtwoord-vergeten"
    statuses = []
    for _ in range(4):
        form = session.get(url, timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        response = session.post(
            url,
            data={"email": "redacteur@example.org", "csrfmiddlewaretoken": token},
            headers={"Referer": url},
            allow_redirects=False,
            timeout=10,
        )
        statuses.append(response.status_code)
    assert statuses == [302, 302, 302, 429]
    assert "te vaak gevraagd" in response.text
