"""Accounts for tests that talk to the site as a client would: one user per role, the
password they log in with, and their API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from collaborations.accounts.services.tokens import api_token_create
from collaborations.registration.services.accounts import user_role_set

#: The password of every account the tests make (``make_user``).
PASSWORD = "Geheim-wachtwoord-123"
#: The roles the tests look at, from nobody to the administrator. "staf-zonder-rol": Django's
#: is_staff flag set by hand, without a role in the atlas; it grants nothing
#: (collaborations/permissions.py decides, not the flag).
ROLES = (
    "anoniem",
    "zonder-rol",
    "staf-zonder-rol",
    "gemeente",
    "secretariaat",
    "moderator",
    "beheerder",
)


def make_user(username: str, role: str | None = None, *, is_staff: bool = False, **bindings) -> Any:
    """A user ``username`` with the password ``PASSWORD`` and, if given, an editor role with
    its bindings (``municipalities``, ``arrangements``, ``organisation_label``)."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=username.capitalize(),
        is_staff=is_staff,
    )
    if role:
        user_role_set(user=user, role=role, **bindings)
    return user


def api_token(user: Any, **options: Any) -> str:
    """An API token of ``user``, made by the service behind the token page (the key the client
    sends in ``Authorization: Token …``; the database keeps only its digest). One per user
    object: asking again for the same object gives the same key."""
    key = getattr(user, "_test_api_token", None)
    if key is None or options:
        key = api_token_create(user=user, **options).key
        user._test_api_token = key
    return key
