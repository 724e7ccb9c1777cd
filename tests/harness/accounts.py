"""Accounts for tests that talk to the site as a client would."""

from __future__ import annotations

from typing import Any


def api_token(user: Any) -> str:
    """An API token of ``user``, as the token page hands it out (what the client sends in
    ``Authorization: Token …``)."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return token.key
