"""Validation of a proposed state (see :mod:`.state`), the same for forms, the API and the bulk
import. Errors and warnings name the field (``name``, ``members[2].valid_from``); messages are
Dutch and say what to do. A constant number of queries, whatever the number of members."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from collaborations.arrangements.models import Arrangement, Organisation, Theme
from collaborations.core.choices import LEGAL_FORMS_BY_FAMILY, LegalFormFamily, Stage
from collaborations.geography.models import Municipality, Province
from collaborations.registration.choices import OPEN_STATUSES, SubmissionKind
from collaborations.registration.models import Submission
from collaborations.registration.services.checks import (
    Checked,
    CheckItem,
    Lookups,
)
from collaborations.registration.services.validation_members import check_members, dates
from collaborations.registration.state import normalise

GR_CODE = re.compile(r"^GR[0-9]{4}$")
KVK = re.compile(r"^[0-9]{8}$")
MAX_LENGTHS = {"name": 255, "short_name": 80, "website": 500, "description": 10000}
MIN_MEMBERS = 2


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
    start, end = dates(checked, "", checked.state, ("start_date", "end_date"))
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
        where = (
            _(" (nummer %(pks)s)") % {"pks": ", ".join(map(str, same[:3]))}
            if same
            else _(" (in behandeling)")
        )
        checked.warn(
            "name",
            _(
                "Er bestaat al een samenwerkingsverband met de naam “%(name)s”%(where)s. "
                "Controleer of het om hetzelfde gaat; bevestig als het een ander is."
            )
            % {"name": state["name"], "where": where},
        )


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
        check_members(checked, item.base, start, end, lookups, min_members)
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
