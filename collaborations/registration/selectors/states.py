"""Arrangement states (see services.registration.state) and how users are labelled in the
history. A constant number of queries."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from collaborations import permissions
from collaborations.accounts.choices import EditorRole
from collaborations.accounts.models import UserRole
from collaborations.arrangements.models import Arrangement, Membership
from collaborations.registration.state import SCALAR_FIELDS, normalise


# --- states -----------------------------------------------------------------------------------
def _member_state(row: dict[str, Any]) -> dict[str, Any]:
    if row["municipality__code"]:
        kind, code, name = "municipality", row["municipality__code"], row["municipality__name"]
    elif row["province__code"]:
        kind, code, name = "province", row["province__code"], row["province__name"]
    else:
        kind, code, name = "organisation", None, row["organisation__name"]
    return {
        "kind": kind,
        "code": code,
        "organisation_id": row["organisation_id"],
        "name": name,
        "organisation_kind": row["organisation__kind"] or "",
        "kvk_number": row["organisation__kvk_number"] or "",
        "role": row["role"],
        "valid_from": row["valid_from"],
        "valid_to": row["valid_to"],
    }


def arrangement_states(*, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{arrangement id: state} (see services.registration.state). Three queries."""
    ids = list(ids)
    if not ids:
        return {}
    rows = Arrangement.objects.filter(pk__in=ids).values("pk", *SCALAR_FIELDS)
    themes: dict[int, list[str]] = defaultdict(list)
    for arrangement_id, slug in Arrangement.themes.through.objects.filter(
        arrangement_id__in=ids
    ).values_list("arrangement_id", "theme__slug"):
        themes[arrangement_id].append(slug)
    members: dict[int, list[dict]] = defaultdict(list)
    for row in Membership.objects.filter(arrangement_id__in=ids).values(
        "arrangement_id",
        "role",
        "valid_from",
        "valid_to",
        "organisation_id",
        "municipality__code",
        "municipality__name",
        "province__code",
        "province__name",
        "organisation__name",
        "organisation__kind",
        "organisation__kvk_number",
    ):
        members[row["arrangement_id"]].append(_member_state(row))
    return {
        row["pk"]: normalise({**row, "themes": themes[row["pk"]], "members": members[row["pk"]]})
        for row in rows
    }


def arrangement_state(*, arrangement_id: int) -> dict[str, Any]:
    return arrangement_states(ids=[arrangement_id])[arrangement_id]


def user_label(*, user: Any) -> str:
    """How a user is shown in histories: name and organisation (or role). One query."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    name = user.get_full_name() or user.get_username()
    role = UserRole.objects.filter(user=user).values("role", "organisation_label").first()
    if role and role["organisation_label"]:
        return f"{name} ({role['organisation_label']})"
    if role:
        return f"{name} ({EditorRole(role['role']).label})"
    return (
        f"{name} ({EditorRole.ADMINISTRATOR.label})"
        if permissions.is_account_administrator(user)
        else name
    )


def public_label(by_label: str) -> str:
    """The organisation part of a stored label, for readers without an account."""
    match = re.search(r"\(([^()]*)\)\s*$", by_label or "")
    return match.group(1) if match else ""
