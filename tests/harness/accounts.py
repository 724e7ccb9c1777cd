"""Accounts for tests that talk to the site as a client would."""

from __future__ import annotations

from typing import Any

from collaborations.accounts.services.tokens import api_token_create


def api_token(user: Any, **options: Any) -> str:
    """An API token of ``user``, made by the service behind the token page (the key the client
    sends in ``Authorization: Token …``; the database keeps only its digest). One per user
    object: asking again for the same object gives the same key."""
    key = getattr(user, "_test_api_token", None)
    if key is None or options:
        key = api_token_create(user=user, **options).key
        user._test_api_token = key
    return key
