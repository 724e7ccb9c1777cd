"""The members part of writing states (registration.services.write): memberships are kept,
ended or added by comparing the proposed members with those recorded."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from collaborations.arrangements.models import (
    DataSource,
    Membership,
)
from collaborations.geography.models import Municipality, Province
from collaborations.registration.state import member_key

if TYPE_CHECKING:
    from collaborations.registration.services.write import Write


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _membership_key(row: dict[str, Any]) -> tuple:
    if row["municipality__code"]:
        kind, who = "municipality", row["municipality__code"]
    elif row["province__code"]:
        kind, who = "province", row["province__code"]
    else:
        kind, who = "organisation", str(row["organisation_id"])
    since = row["valid_from"].isoformat() if row["valid_from"] else ""
    return (row["arrangement_id"], (kind, who, since))


def _member_ids(writes: Sequence[Write]) -> dict[str, int]:
    codes = {m["code"] for w in writes for m in w.state["members"] if m["code"]}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "pk"))
    ids.update(Province.objects.filter(code__in=codes).values_list("code", "pk"))
    return ids


def _new_membership(write: Write, member: dict, ids: dict[str, int], source_id: int) -> Membership:
    kind = member["kind"]
    return Membership(
        arrangement_id=write.arrangement_id,
        municipality_id=ids[member["code"]] if kind == "municipality" else None,
        province_id=ids[member["code"]] if kind == "province" else None,
        organisation_id=member["organisation_id"] if kind == "organisation" else None,
        role=member["role"],
        valid_from=_date(member["valid_from"]),
        valid_to=_date(member["valid_to"]),
        name_as_recorded=member["name"][:255],
        source_id=write.extra.get("source_id", source_id),
    )


def memberships_write(writes: Sequence[Write], existing_ids: list[int], source: DataSource) -> None:
    rows = Membership.objects.filter(arrangement_id__in=existing_ids).values(
        "pk",
        "arrangement_id",
        "municipality__code",
        "province__code",
        "organisation_id",
        "valid_from",
        "valid_to",
        "role",
    )
    current = {_membership_key(row): row for row in rows}
    ids = _member_ids(writes)
    desired = {
        (w.arrangement_id, member_key(m)): (w, m) for w in writes for m in w.state["members"]
    }
    delete = [row["pk"] for key, row in current.items() if key not in desired]
    create, update = [], []
    for key, (write, member) in desired.items():
        row = current.get(key)
        if row is None:
            create.append(_new_membership(write, member, ids, source.pk))
        elif (row["role"], row["valid_to"]) != (member["role"], _date(member["valid_to"])):
            update.append(
                Membership(pk=row["pk"], role=member["role"], valid_to=_date(member["valid_to"]))
            )
    Membership.objects.filter(pk__in=delete).delete()
    Membership.objects.bulk_update(update, ["role", "valid_to"])
    Membership.objects.bulk_create(create)
