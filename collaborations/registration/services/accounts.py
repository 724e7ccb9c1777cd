"""Roles of accounts (API tokens: collaborations.accounts.services.tokens)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from collaborations import permissions
from collaborations.accounts.models import UserRole
from collaborations.arrangements.models import Arrangement
from collaborations.core.audit import audit
from collaborations.geography.models import Municipality


@transaction.atomic
def user_role_set(
    *,
    user: Any,
    role: str,
    municipalities: Iterable[Municipality] = (),
    arrangements: Iterable[Arrangement] = (),
    organisation_label: str = "",
    by: Any = None,
) -> UserRole:
    """Give ``user`` a role with its bindings. Moderators and administrators get access to the
    admin site (themes, divisions, the registration records); what they may do there is
    decided by :class:`collaborations.permissions.RoleBackend`. ``by`` is who changed it
    (for the audit log)."""
    before = UserRole.objects.filter(user=user).values_list("role", flat=True).first()
    user_role, _created = UserRole.objects.update_or_create(
        user=user, defaults={"role": role, "organisation_label": organisation_label}
    )
    user_role.municipalities.set(municipalities)
    user_role.arrangements.set(arrangements)
    permissions.forget_role(user)
    staff = permissions.uses_admin_site(user)
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    audit(
        "role.changed",
        by=by,
        target=user.get_username(),
        role=role,
        previous=before,
        municipalities=sorted(user_role.municipalities.values_list("code", flat=True)),
        arrangements=sorted(user_role.arrangements.values_list("pk", flat=True)),
    )
    return user_role


def user_role_remove(*, user: Any, by: Any = None) -> bool:
    """Take the role away from ``user`` (and with it the admin site). Returns whether it had
    one."""
    before = UserRole.objects.filter(user=user).values_list("role", flat=True).first()
    UserRole.objects.filter(user=user).delete()
    permissions.forget_role(user)
    staff = permissions.uses_admin_site(user)
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    audit("role.removed", by=by, target=user.get_username(), previous=before)
    return before is not None
