"""Validation of a proposed state (see :mod:`.state`), the same for forms, the API and the bulk
import. Errors and warnings name the field (``name``, ``members[2].valid_from``); messages are
Dutch and say what to do. A constant number of queries, whatever the number of members."""

from __future__ import annotations

import datetime
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from collaborations.models import Arrangement, Municipality, Organisation, Province, Theme
from collaborations.models.choices import (
    LEGAL_FORMS_BY_FAMILY,
    LegalFormFamily,
    OrganisationKind,
    Role,
    Stage,
)
from collaborations.models.registration import OPEN_STATUSES, Submission, SubmissionKind

from .state import MEMBER_CHANGE_FIELDS, MEMBER_KINDS, member_key, member_label, normalise

GR_CODE = re.compile(r"^GR[0-9]{4}$")
KVK = re.compile(r"^[0-9]{8}$")
MAX_LENGTHS = {"name": 255, "short_name": 80, "website": 500, "description": 10000}
MIN_MEMBERS = 2


@dataclass(frozen=True)
class Issue:
    field: str
    message: str


@dataclass
class Checked:
    """The outcome of :func:`state_check`: the state completed (member names, normalised
    values), and the errors (blocking) and warnings (to confirm)."""

    state: dict[str, Any]
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors.append(Issue(name, message))

    def warn(self, name: str, message: str) -> None:
        self.warnings.append(Issue(name, message))

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_for_errors(self) -> None:
        if self.errors:
            raise ValidationError(as_error_dict(self.errors))


def as_error_dict(issues: list[Issue]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for issue in issues:
        result[issue.field].append(issue.message)
    return dict(result)


def _parse_date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    return datetime.date.fromisoformat(value)


def _dates(checked: Checked, prefix: str, item: dict, names: tuple[str, str]) -> tuple:
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


# --- the arrangement's own fields ---------------------------------------------------------------
def _check_text(checked: Checked) -> None:
    state = checked.state
    if not state["name"]:
        checked.error("name", _("Vul de naam van het samenwerkingsverband in."))
    for name, limit in MAX_LENGTHS.items():
        if len(state[name] or "") > limit:
            checked.error(name, _("Hoogstens %(n)d tekens.") % {"n": limit})
    if state["website"]:
        try:
            URLValidator(schemes=["http", "https"])(state["website"])
        except ValidationError:
            checked.error(
                "website", _("Geen geldig webadres; begin met https://, bijv. https://regio.nl.")
            )


def _check_form(checked: Checked) -> None:
    state = checked.state
    family, form = state["legal_form_family"], state["legal_form"]
    if family not in LegalFormFamily.values:
        checked.error(
            "legal_form_family", _("Kies de rechtsvormfamilie: Wgr, privaatrechtelijk of netwerk.")
        )
    elif form and form not in LEGAL_FORMS_BY_FAMILY[family]:
        checked.error(
            "legal_form",
            _("De rechtsvorm “%(form)s” hoort niet bij de familie %(family)s.")
            % {"form": form, "family": LegalFormFamily(family).label},
        )
    if state["is_mandatory"] not in (True, False, None):
        checked.error("is_mandatory", _("Kies ja, nee of onbekend."))
    if state["stage"] and state["stage"] not in Stage.values:
        checked.error("stage", _("Onbekende levensfase."))


def _check_codes(checked: Checked) -> None:
    state = checked.state
    if state["cbs_gr_code"] and not GR_CODE.match(state["cbs_gr_code"]):
        checked.error(
            "cbs_gr_code", _("Een CBS GR-code is GR gevolgd door 4 cijfers, bijv. GR0123.")
        )
    if state["kvk_number"] and not KVK.match(state["kvk_number"]):
        checked.error("kvk_number", _("Een KvK-nummer bestaat uit 8 cijfers, bijv. 12345678."))


def _check_period(checked: Checked) -> tuple[datetime.date | None, datetime.date | None]:
    start, end = _dates(checked, "", checked.state, ("start_date", "end_date"))
    if start and end and end < start:
        checked.error("end_date", _("De einddatum ligt vóór de startdatum."))
    return start, end


# --- themes -----------------------------------------------------------------------------------
def _check_themes(checked: Checked, known: set[str]) -> None:
    themes = checked.state["themes"]
    if not themes:
        checked.error("themes", _("Kies ten minste één thema."))
        return
    unknown = [t for t in themes if t not in known]
    if unknown:
        checked.error("themes", _("Onbekend thema: %(t)s.") % {"t": ", ".join(unknown)})


# --- members ------------------------------------------------------------------------------------
@dataclass
class _Context:
    start: datetime.date | None
    end: datetime.date | None
    municipalities: dict[str, dict]
    provinces: dict[str, str]
    organisations: dict[int, dict]
    base_keys: dict[tuple, dict]


@dataclass
class Lookups:
    """Everything the checks need from the database, loaded once for a batch of states."""

    themes: set[str]
    municipalities: dict[str, dict]
    provinces: dict[str, str]
    organisations: dict[int, dict]
    gr_codes: dict[str, int]
    names: dict[str, list[int]]
    pending_names: dict[str, set[int]]


def lookups_load(states: Sequence[dict[str, Any]]) -> Lookups:
    """Seven queries, whatever the number of states."""
    members = [m for s in states for m in s["members"]]
    codes = {m["code"] for m in members if m["code"]}
    organisation_ids = {m["organisation_id"] for m in members if m["organisation_id"]}
    names = {s["name"].casefold() for s in states if s["name"]}
    gr_codes = {s["cbs_gr_code"] for s in states if s["cbs_gr_code"]}
    same_names: dict[str, list[int]] = defaultdict(list)
    for pk, name in (
        Arrangement.objects.annotate(lower=Lower("name"))
        .filter(lower__in=names)
        .values_list("pk", "lower")
    ):
        same_names[name].append(pk)
    return Lookups(
        themes=set(
            Theme.objects.filter(slug__in={t for s in states for t in s["themes"]}).values_list(
                "slug", flat=True
            )
        ),
        municipalities={
            row["code"]: row
            for row in Municipality.objects.filter(code__in=codes).values(
                "code", "name", "valid_from", "valid_to"
            )
        },
        provinces=dict(Province.objects.filter(code__in=codes).values_list("code", "name")),
        organisations={
            row["pk"]: row
            for row in Organisation.objects.filter(pk__in=organisation_ids).values(
                "pk", "name", "kind", "kvk_number"
            )
        },
        gr_codes=dict(
            Arrangement.objects.filter(cbs_gr_code__in=gr_codes).values_list("cbs_gr_code", "pk")
        ),
        names=dict(same_names),
        pending_names=_pending_names(names),
    )


def _pending_names(names: set[str]) -> dict[str, set[int]]:
    result: dict[str, set[int]] = defaultdict(set)
    for pk, name in (
        Submission.objects.filter(kind=SubmissionKind.NEW, status__in=list(OPEN_STATUSES))
        .annotate(lower=Lower(KeyTextTransform("name", "proposed")))
        .filter(lower__in=names)
        .values_list("pk", "lower")
    ):
        result[name].add(pk)
    return dict(result)


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
    start, end = _dates(checked, prefix, member, ("valid_from", "valid_to"))
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


def _check_members(
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


# --- uniqueness ----------------------------------------------------------------------------------
def _check_unique(checked: Checked, item: CheckItem, lookups: Lookups) -> None:
    state, arrangement_id = checked.state, item.arrangement_id
    owner = lookups.gr_codes.get(state["cbs_gr_code"] or "")
    if owner is not None and owner != arrangement_id:
        checked.error(
            "cbs_gr_code",
            _(
                "De CBS GR-code %(code)s hoort al bij een ander samenwerkingsverband (nummer %(pk)d)."
            )
            % {"code": state["cbs_gr_code"], "pk": owner},
        )
    if not state["name"]:
        return
    same = [pk for pk in lookups.names.get(state["name"].casefold(), []) if pk != arrangement_id]
    pending = arrangement_id is None and bool(
        lookups.pending_names.get(state["name"].casefold(), set()) - {item.submission_id}
    )
    if same or pending:
        where = f" (nummer {', '.join(map(str, same[:3]))})" if same else " (in behandeling)"
        checked.warn(
            "name",
            _(
                "Er bestaat al een samenwerkingsverband met de naam “%(name)s”%(where)s. "
                "Controleer of het om hetzelfde gaat; bevestig als het een ander is."
            )
            % {"name": state["name"], "where": where},
        )


@dataclass(frozen=True)
class CheckItem:
    state: dict[str, Any]
    base: dict[str, Any] | None = None
    arrangement_id: int | None = None
    submission_id: int | None = None  # a submission being revised: not its own duplicate


def states_check(*, items: Sequence[CheckItem], min_members: int = MIN_MEMBERS) -> list[Checked]:
    """Check proposed states. ``base`` is the current state when an item changes an existing
    arrangement (``arrangement_id``): members already recorded are kept as they are (ADR
    0002), only new or changed members are checked against the municipalities' dates."""
    results = [Checked(state=normalise(item.state)) for item in items]
    lookups = lookups_load([c.state for c in results])
    for item, checked in zip(items, results, strict=True):
        _check_text(checked)
        _check_form(checked)
        _check_codes(checked)
        start, end = _check_period(checked)
        _check_themes(checked, lookups.themes)
        _check_members(checked, item.base, start, end, lookups, min_members)
        _check_unique(checked, item, lookups)
    return results


def state_check(
    *,
    state: dict[str, Any],
    base: dict[str, Any] | None = None,
    arrangement_id: int | None = None,
    submission_id: int | None = None,
) -> Checked:
    """Check one proposed state (see :func:`states_check`)."""
    return states_check(items=[CheckItem(state, base, arrangement_id, submission_id)])[0]


def reason_check(reason: str) -> str:
    """The reason of a change: required, short."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Geef kort aan waarom u dit wijzigt.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("Hoogstens 500 tekens.")]})
    return reason
