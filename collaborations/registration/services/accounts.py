"""Roles of accounts and their API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from collaborations import permissions
from collaborations.accounts.choices import EditorRole
from collaborations.accounts.models import UserRole
from collaborations.arrangements.models import Arrangement
from collaborations.geography.models import Municipality


@transaction.atomic
def user_role_set(
    *,
    user: Any,
    role: str,
    municipalities: Iterable[Municipality] = (),
    arrangements: Iterable[Arrangement] = (),
    organisation_label: str = "",
) -> UserRole:
    """Give ``user`` a role with its bindings. Moderators and administrators get access to the
    admin site (themes, divisions, the registration records); what they may do there is
    decided by :class:`collaborations.permissions.RoleBackend`."""
    user_role, _created = UserRole.objects.update_or_create(
        user=user, defaults={"role": role, "organisation_label": organisation_label}
    )
    user_role.municipalities.set(municipalities)
    user_role.arrangements.set(arrangements)
    staff = role in (EditorRole.MODERATOR, EditorRole.ADMINISTRATOR) or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    permissions.forget_role(user)
    return user_role


def api_token_create(*, user: Any) -> Token:
    """A new API token for ``user``; an existing one stops working."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def api_token_revoke(*, user: Any) -> bool:
    """Remove the user's API token. Returns whether there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)
