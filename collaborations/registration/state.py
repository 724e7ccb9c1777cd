"""The *state* of an arrangement: every field an editor can change, its themes and its members,
as one JSON-able dict. Forms, the API and the bulk import all produce a state; the writer
turns a state into rows; the history stores the state after every change and the field-level
difference with the one before. These functions are pure (no database).

A state::

    {"name": str, "short_name": str, "legal_form_family": str, "legal_form": str,
     "is_mandatory": bool | None, "description": str, "website": str,
     "cbs_gr_code": str | None, "kvk_number": str, "start_date": "YYYY-MM-DD" | None,
     "end_date": ..., "stage": str, "themes": [slug, ...],
     "members": [{"kind": "municipality" | "province" | "organisation",
                  "code": "GM0344" | "PV26" | None, "organisation_id": int | None,
                  "name": str, "organisation_kind": str, "kvk_number": str,
                  "role": str, "valid_from": "YYYY-MM-DD" | None, "valid_to": ...}, ...]}
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

SCALAR_FIELDS = (
    "name",
    "short_name",
    "legal_form_family",
    "legal_form",
    "is_mandatory",
    "description",
    "website",
    "cbs_gr_code",
    "kvk_number",
    "start_date",
    "end_date",
    "stage",
)
DATE_FIELDS = ("start_date", "end_date")
FIELD_LABELS = {
    "name": _("Naam"),
    "short_name": _("Korte naam"),
    "legal_form_family": _("Rechtsvormfamilie"),
    "legal_form": _("Rechtsvorm"),
    "is_mandatory": _("Verplicht"),
    "description": _("Omschrijving"),
    "website": _("Website"),
    "cbs_gr_code": _("CBS GR-code"),
    "kvk_number": _("KvK-nummer"),
    "start_date": _("Startdatum"),
    "end_date": _("Einddatum"),
    "stage": _("Levensfase"),
    "themes": _("Thema's"),
    "members": _("Leden"),
}
MEMBER_KINDS = ("municipality", "province", "organisation")
MEMBER_FIELDS = (
    "kind",
    "code",
    "organisation_id",
    "name",
    "organisation_kind",
    "kvk_number",
    "role",
    "valid_from",
    "valid_to",
)
#: Member fields whose change is a change of the membership (the rest identify it).
MEMBER_CHANGE_FIELDS = ("role", "valid_to")
#: A member's role as it appears in a member's label (the stored value, translated).
ROLE_WORDS = {
    "centrumgemeente": _("centrumgemeente"),
    "secretaris": _("secretaris"),
}
MEMBER_FIELD_LABELS = {
    "role": _("rol"),
    "valid_from": _("lid vanaf"),
    "valid_to": _("lid tot"),
}


def empty_state() -> dict[str, Any]:
    state: dict[str, Any] = dict.fromkeys(SCALAR_FIELDS, "")
    state.update(
        is_mandatory=None, cbs_gr_code=None, start_date=None, end_date=None, themes=[], members=[]
    )
    return state


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> str | None:
    """ISO text of a date; other text is kept as is (validation reports it)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip() or None


def _mandatory(value: Any) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    return {"true": True, "ja": True, "1": True, "false": False, "nee": False, "0": False}.get(
        str(value).strip().lower(), value
    )


def normalise_member(raw: dict[str, Any]) -> dict[str, Any]:
    kind = _text(raw.get("kind"))
    organisation_id = raw.get("organisation_id")
    return {
        "kind": kind,
        "code": _text(raw.get("code")).upper() or None,
        "organisation_id": int(organisation_id) if organisation_id not in (None, "") else None,
        "name": _text(raw.get("name")),
        "organisation_kind": _text(raw.get("organisation_kind")),
        "kvk_number": _text(raw.get("kvk_number")).replace(" ", ""),
        "role": _text(raw.get("role")) or "deelnemer",
        "valid_from": _date(raw.get("valid_from")),
        "valid_to": _date(raw.get("valid_to")),
    }


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """A state with every key, stripped text, ISO dates, sorted themes and members."""
    state = empty_state()
    for name in SCALAR_FIELDS:
        if name in raw:
            state[name] = _text(raw[name])
    state["is_mandatory"] = _mandatory(raw.get("is_mandatory"))
    state["cbs_gr_code"] = _text(raw.get("cbs_gr_code")).upper() or None
    state["kvk_number"] = _text(raw.get("kvk_number")).replace(" ", "")
    for name in DATE_FIELDS:
        state[name] = _date(raw.get(name))
    state["themes"] = sorted({_text(t) for t in raw.get("themes") or [] if _text(t)})
    members = [normalise_member(m) for m in raw.get("members") or []]
    state["members"] = sorted(members, key=member_sort_key)
    return state


def member_key(member: dict[str, Any]) -> tuple[str, str, str]:
    """What identifies a membership: the member and the date it started."""
    who = member.get("code") or (
        str(member["organisation_id"]) if member.get("organisation_id") else ""
    )
    if not who:
        who = "name:" + (member.get("name") or "").casefold()
    return (member.get("kind") or "", who, member.get("valid_from") or "")


def member_sort_key(member: dict[str, Any]) -> tuple:
    kind = member.get("kind") or ""
    order = MEMBER_KINDS.index(kind) if kind in MEMBER_KINDS else len(MEMBER_KINDS)
    return (order, (member.get("name") or "").casefold(), *member_key(member))


def member_label(member: dict[str, Any]) -> str:
    name = member.get("name") or member.get("code") or "?"
    code = member.get("code")
    label = f"{name} ({code})" if code and code != name else name
    if member.get("role") and member["role"] != "deelnemer":
        label += f", {ROLE_WORDS.get(member['role'], member['role'])}"
    if member.get("valid_from"):
        label += ", " + _("vanaf %(date)s") % {"date": member["valid_from"]}
    return label


# --- differences ------------------------------------------------------------------------------
def _member_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"field": name, "old": old.get(name), "new": new.get(name)}
        for name in MEMBER_CHANGE_FIELDS
        if old.get(name) != new.get(name)
    ]


def _members_diff(old: list[dict], new: list[dict]) -> dict[str, list]:
    before = {member_key(m): m for m in old}
    after = {member_key(m): m for m in new}
    added = [after[k] for k in after if k not in before]
    removed = [before[k] for k in before if k not in after]
    changed = []
    for key in after.keys() & before.keys():
        fields = _member_changes(before[key], after[key])
        if fields:
            changed.append({"member": member_label(after[key]), "fields": fields})
    result: dict[str, list] = {}
    if added:
        result["added"] = [member_label(m) for m in sorted(added, key=member_sort_key)]
    if removed:
        result["removed"] = [member_label(m) for m in sorted(removed, key=member_sort_key)]
    if changed:
        result["changed"] = sorted(changed, key=lambda c: c["member"])
    return result


def _blank_none(value: Any) -> Any:
    return None if value in ("", None) else value


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Field-level difference from ``old`` (None: nothing) to ``new``::

    {"fields": [{"field", "old", "new"}], "themes": {"added", "removed"},
     "members": {"added": [label], "removed": [label], "changed": [{"member", "fields"}]}}

    Parts without a change are left out; ``{}`` means no change."""
    old = old or empty_state()
    result: dict[str, Any] = {}
    fields = [
        {"field": name, "old": old.get(name), "new": new.get(name)}
        for name in SCALAR_FIELDS
        if _blank_none(old.get(name)) != _blank_none(new.get(name))
    ]
    if fields:
        result["fields"] = fields
    themes_old, themes_new = set(old.get("themes") or []), set(new.get("themes") or [])
    if themes_old != themes_new:
        result["themes"] = {
            "added": sorted(themes_new - themes_old),
            "removed": sorted(themes_old - themes_new),
        }
    members = _members_diff(old.get("members") or [], new.get("members") or [])
    if members:
        result["members"] = members
    return result


def changed_keys(base: dict[str, Any], proposed: dict[str, Any]) -> list[str]:
    """The top-level keys (fields, "themes", "members") that differ."""
    keys = [*SCALAR_FIELDS, "themes", "members"]
    return [k for k in keys if base.get(k) != proposed.get(k)]


# --- three-way merge (approving a suggestion after the arrangement changed) ---------------------
def _merge_members(
    base: list[dict], proposed: list[dict], current: list[dict]
) -> tuple[list[dict], list[str]]:
    b = {member_key(m): m for m in base}
    p = {member_key(m): m for m in proposed}
    result = {member_key(m): m for m in current}
    conflicts: list[str] = []
    for key in b.keys() | p.keys():
        before, wanted, now = b.get(key), p.get(key), result.get(key)
        if wanted == before:
            continue
        if now not in (before, wanted):
            conflicts.append(f"members: {member_label(wanted or before or {})}")
        elif wanted is None:
            result.pop(key, None)
        else:
            result[key] = wanted
    return sorted(result.values(), key=member_sort_key), conflicts


def merge(
    *, base: dict[str, Any], proposed: dict[str, Any], current: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Apply what changed from ``base`` to ``proposed`` onto ``current``. A field that both the
    proposal and someone else changed (differently) is a conflict; the names of the conflicting
    fields are returned (the merge is then not to be used)."""
    merged = dict(current)
    conflicts: list[str] = []
    for name in SCALAR_FIELDS:
        if proposed.get(name) == base.get(name):
            continue
        if current.get(name) not in (base.get(name), proposed.get(name)):
            conflicts.append(name)
        else:
            merged[name] = proposed.get(name)
    b, p = set(base.get("themes") or []), set(proposed.get("themes") or [])
    merged["themes"] = sorted((set(current.get("themes") or []) | (p - b)) - (b - p))
    merged["members"], member_conflicts = _merge_members(
        base.get("members") or [], proposed.get("members") or [], current.get("members") or []
    )
    return merged, conflicts + member_conflicts
