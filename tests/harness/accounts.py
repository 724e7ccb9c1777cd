"""Accounts for tests that talk to the site as a client would: one user per role, the
password they log in with, and their API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from collaborations.registration.services.accounts import user_role_set

#: The password of every account the tests make (``make_user``).
PASSWORD = "Geheim-wachtwoord-123"
#: The roles the tests look at, from nobody to the administrator.
ROLES = ("anoniem", "zonder-rol", "gemeente", "secretariaat", "moderator", "beheerder")


def make_user(username: str, role: str | None = None, **bindings) -> Any:
    """A user ``username`` with the password ``PASSWORD`` and, if given, an editor role with
    its bindings (``municipalities``, ``arrangements``, ``organisation_label``)."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=username.capitalize(),
    )
    if role:
        user_role_set(user=user, role=role, **bindings)
    return user


def api_token(user: Any) -> str:
    """An API token of ``user``, as the token page hands it out (what the client sends in
    ``Authorization: Token …``)."""
    token, _ = Token.objects.get_or_create(user=user)
    return token.key
