"""API tokens: create (the key is returned once), revoke, and authenticate a key.

Only the digest of a key is stored (collaborations.accounts.tokens). A token expires after
``REGIOATLAS_API_TOKEN_DAYS``; revoking keeps the row (with ``revoked_at``) so the token page
and the audit log can still name it. The last use is written at most once per
``REGIOATLAS_API_TOKEN_TOUCH_SECONDS``, so authenticating costs one indexed read."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaborations.accounts.models import ApiToken
from collaborations.accounts.tokens import PREFIX_SHOWN, key_digest, key_new
from collaborations.core.audit import audit


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``key`` is what the user holds, shown once and never stored."""

    token: ApiToken
    key: str


class TokenRefused(enum.Enum):
    """Why a key does not authenticate."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"
    INACTIVE = "inactive"


def _active(user: Any):
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


@transaction.atomic
def api_token_create(*, user: Any, name: str = "", by: Any = None) -> NewToken:
    """A new token for ``user``; at most ``REGIOATLAS_API_TOKENS_PER_USER`` work at once."""
    name = (name or "").strip()[:100] or _("API-token")
    limit = settings.REGIOATLAS_API_TOKENS_PER_USER
    if _active(user).select_for_update().count() >= limit:
        raise ValidationError(
            _("U heeft al %(n)d werkende tokens; trek er eerst een in.") % {"n": limit}
        )
    now = timezone.now()
    key = key_new()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=key_digest(key),
        prefix=key[:PREFIX_SHOWN],
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.REGIOATLAS_API_TOKEN_DAYS),
    )
    audit(
        "token.created",
        by=by or user,
        target=user.get_username(),
        token=token.pk,
        name=name,
        expires=token.expires_at.isoformat(),
    )
    return NewToken(token=token, key=key)


def api_token_revoke(*, user: Any, token_id: int | None = None, by: Any = None) -> int:
    """Revoke one token of ``user`` (``token_id``), or all of them. Returns how many."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    ids = list(tokens.values_list("pk", flat=True))
    count = ApiToken.objects.filter(pk__in=ids).update(revoked_at=timezone.now())
    for pk in ids:
        audit("token.revoked", by=by or user, target=user.get_username(), token=pk)
    return count


def api_token_authenticate(*, key: str) -> tuple[Any | None, TokenRefused | None]:
    """The account a key belongs to, or why it does not authenticate (one read; a write of
    the last use at most once a minute)."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=key_digest(key))
        .only("pk", "expires_at", "revoked_at", "last_used_at", "user")
        .first()
    )
    if token is None:
        return None, TokenRefused.UNKNOWN
    now = timezone.now()
    if token.revoked_at is not None:
        return None, TokenRefused.REVOKED
    if token.expires_at <= now:
        return None, TokenRefused.EXPIRED
    if not token.user.is_active:
        return None, TokenRefused.INACTIVE
    touch = datetime.timedelta(seconds=settings.REGIOATLAS_API_TOKEN_TOUCH_SECONDS)
    if token.last_used_at is None or now - token.last_used_at >= touch:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, None
