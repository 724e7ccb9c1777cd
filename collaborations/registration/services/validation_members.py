"""The checks of the members of a proposed state: who they are, their dates (consistent with
the arrangement's, and municipalities that existed then), duplicates. Part of
:mod:`.validation`."""

from __future__ import annotations

import datetime
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from collaborations.core.choices import OrganisationKind, Role
from collaborations.registration.services.checks import Checked, Lookups
from collaborations.registration.state import (
    MEMBER_CHANGE_FIELDS,
    MEMBER_KINDS,
    member_key,
    member_label,
)

KVK = re.compile(r"^[0-9]{8}$")


def _parse_date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    return datetime.date.fromisoformat(value)


def dates(checked: Checked, prefix: str, item: dict, names: tuple[str, str]) -> tuple:
    """Parse two ISO dates of ``item``; report the ones that are no date."""
    result = []
    for name in names:
        try:
            result.append(_parse_date(item.get(name)))
        except ValueError:
            checked.error(
                f"{prefix}{name}",
                _("“%(value)s” is geen datum; schrijf JJJJ-MM-DD, bijv. 2024-01-01.")
                % {"value": item.get(name)},
            )
            result.append(None)
    return tuple(result)


@dataclass
class _Context:
    start: datetime.date | None
    end: datetime.date | None
    municipalities: dict[str, dict]
    provinces: dict[str, str]
    organisations: dict[int, dict]
    base_keys: dict[tuple, dict]


def _check_member_identity(checked: Checked, prefix: str, member: dict, ctx: _Context) -> None:
    kind = member["kind"]
    if kind not in MEMBER_KINDS:
        checked.error(f"{prefix}kind", _("Kies gemeente, provincie of organisatie."))
    elif kind == "municipality":
        found = ctx.municipalities.get(member["code"] or "")
        if found is None:
            checked.error(
                f"{prefix}code",
                _("Geen gemeente met CBS-code “%(code)s”.") % {"code": member["code"] or ""},
            )
        else:
            member["name"] = member["name"] or found["name"]
    elif kind == "province":
        name = ctx.provinces.get(member["code"] or "")
        if name is None:
            checked.error(
                f"{prefix}code",
                _("Geen provincie met code “%(code)s”.") % {"code": member["code"] or ""},
            )
        else:
            member["name"] = member["name"] or name
    else:
        _check_organisation(checked, prefix, member, ctx)


def _check_organisation(checked: Checked, prefix: str, member: dict, ctx: _Context) -> None:
    if member["organisation_id"]:
        found = ctx.organisations.get(member["organisation_id"])
        if found is None:
            checked.error(f"{prefix}organisation_id", _("Deze organisatie bestaat niet (meer)."))
            return
        member.update(
            name=found["name"], organisation_kind=found["kind"], kvk_number=found["kvk_number"]
        )
        return
    if not member["name"]:
        checked.error(f"{prefix}name", _("Vul de naam van de partner in."))
    if member["organisation_kind"] not in OrganisationKind.values:
        checked.error(f"{prefix}organisation_kind", _("Kies het soort partner."))
    if member["kvk_number"] and not KVK.match(member["kvk_number"]):
        checked.error(f"{prefix}kvk_number", _("Een KvK-nummer bestaat uit 8 cijfers."))


def _check_member_period(checked: Checked, prefix: str, member: dict, ctx: _Context) -> None:
    start, end = dates(checked, prefix, member, ("valid_from", "valid_to"))
    if start and end and end <= start:
        checked.error(f"{prefix}valid_to", _("“Lid tot” ligt niet na “lid vanaf”."))
    if start and ctx.start and start < ctx.start:
        checked.error(
            f"{prefix}valid_from",
            _("Lid vanaf %(d)s ligt vóór de start van het samenwerkingsverband.")
            % {"d": start.isoformat()},
        )
    if end and ctx.end and end > ctx.end:
        checked.error(
            f"{prefix}valid_to",
            _("Lid tot %(d)s ligt na het einde van het samenwerkingsverband.")
            % {"d": end.isoformat()},
        )
    recorded = ctx.base_keys.get(member_key(member))
    is_new_or_changed = recorded is None or any(
        recorded.get(name) != member.get(name) for name in MEMBER_CHANGE_FIELDS
    )
    if member["kind"] == "municipality" and is_new_or_changed:
        _check_existed(checked, prefix, member, ctx, start or ctx.start, end or ctx.end)


def _check_existed(
    checked: Checked,
    prefix: str,
    member: dict,
    ctx: _Context,
    start: datetime.date | None,
    end: datetime.date | None,
) -> None:
    """A municipality that is new (or changed) in this state must have existed throughout the
    membership (members recorded earlier are kept as they are, see ADR 0002)."""
    found = ctx.municipalities.get(member["code"] or "")
    if not found:
        return
    name, since, until = found["name"], found["valid_from"], found["valid_to"]
    if since and start and start < since:
        checked.error(
            f"{prefix}valid_from",
            _("%(name)s bestond pas vanaf %(d)s; kies een latere datum bij “lid vanaf”.")
            % {"name": name, "d": since.isoformat()},
        )
    if until and start and start >= until:
        checked.error(
            f"{prefix}code",
            _("%(name)s bestond op %(d)s niet meer (opgeheven per %(u)s).")
            % {"name": name, "d": start.isoformat(), "u": until.isoformat()},
        )
    elif until and (end is None or end > until):
        checked.error(
            f"{prefix}valid_to",
            _(
                "%(name)s bestaat sinds %(u)s niet meer; vul bij “lid tot” uiterlijk %(u)s in, "
                "of kies de opvolger."
            )
            % {"name": name, "u": until.isoformat()},
        )


def _overlap(a: dict, b: dict) -> bool:
    a_from, a_to = a["valid_from"] or "0000", a["valid_to"] or "9999"
    b_from, b_to = b["valid_from"] or "0000", b["valid_to"] or "9999"
    return a_from < b_to and b_from < a_to


def _check_duplicates(checked: Checked, members: list[dict]) -> None:
    by_member: dict[tuple, list[int]] = defaultdict(list)
    for index, member in enumerate(members):
        by_member[member_key(member)[:2]].append(index)
    for indexes in by_member.values():
        for i, j in itertools.pairwise(indexes):
            if _overlap(members[i], members[j]):
                checked.error(
                    f"members[{j}].code",
                    _("%(m)s staat twee keer in de lijst (met overlappende data).")
                    % {"m": member_label(members[j])},
                )


def check_members(
    checked: Checked, base: dict | None, start, end, lookups: Lookups, min_members: int
) -> None:
    members = checked.state["members"]
    if len(members) < min_members:
        checked.error(
            "members",
            _("Een samenwerkingsverband heeft ten minste twee leden; u gaf er %(n)d op.")
            % {"n": len(members)},
        )
    base_keys = {member_key(m): m for m in (base or {}).get("members", [])}
    ctx = _Context(
        start, end, lookups.municipalities, lookups.provinces, lookups.organisations, base_keys
    )
    for index, member in enumerate(members):
        prefix = f"members[{index}]."
        _check_member_identity(checked, prefix, member, ctx)
        if member["role"] not in Role.values:
            checked.error(f"{prefix}role", _("Onbekende rol."))
        _check_member_period(checked, prefix, member, ctx)
    _check_duplicates(checked, members)
