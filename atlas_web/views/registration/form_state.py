"""Between the arrangement form (with its member and partner formsets) and a state (see
services.registration.state): the state a bound form proposes, the service's errors put back
on the right fields, the initial data from a state, and the error summary of a page."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from atlas_web.views.registration.forms import ArrangementForm, MemberForm, PartnerForm
from collaborations.registration.selectors.lookups import members_resolve
from collaborations.registration.state import member_key, normalise, normalise_member


# --- from forms to a state and back ---------------------------------------------------------------
def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _resolve_members(formset: forms.BaseFormSet) -> list[tuple[int, dict[str, Any]]]:
    """(form index, member) for every filled row; unknown or ambiguous names become errors on
    the row."""
    rows = [(i, f) for i, f in enumerate(formset.forms) if f.is_valid() and f.has_member()]
    meanings = members_resolve(texts=[f.cleaned_data["member"] for _, f in rows])
    members = []
    for index, form in rows:
        text = form.cleaned_data["member"].strip()
        found = meanings.get(text, [])
        if not found:
            form.add_error(
                "member", _("Geen gemeente of provincie gevonden voor “%(t)s”.") % {"t": text}
            )
            continue
        if len({c["code"] for c in found}) > 1:
            options = ", ".join(f"{c['name']} ({c['code']})" for c in found[:5])
            form.add_error(
                "member", _("Meerdere mogelijkheden: %(o)s. Vul de CBS-code in.") % {"o": options}
            )
            continue
        choice = found[0]
        members.append(
            (
                index,
                {
                    "kind": choice["kind"],
                    "code": choice["code"],
                    "name": choice["name"],
                    "role": form.cleaned_data["role"],
                    "valid_from": _iso(form.cleaned_data.get("valid_from")),
                    "valid_to": _iso(form.cleaned_data.get("valid_to")),
                },
            )
        )
    return members


def _partners(formset: forms.BaseFormSet) -> list[tuple[int, dict[str, Any]]]:
    return [
        (
            index,
            {
                "kind": "organisation",
                "organisation_id": form.cleaned_data.get("organisation_id"),
                "name": form.cleaned_data.get("name", ""),
                "organisation_kind": form.cleaned_data.get("organisation_kind", ""),
                "kvk_number": form.cleaned_data.get("kvk_number", ""),
                "role": form.cleaned_data["role"],
                "valid_from": _iso(form.cleaned_data.get("valid_from")),
                "valid_to": _iso(form.cleaned_data.get("valid_to")),
            },
        )
        for index, form in enumerate(formset.forms)
        if form.is_valid() and form.has_member()
    ]


class FormState:
    """The state a bound form and its two formsets propose, and where each member came from
    (to put the service's errors on the right row)."""

    def __init__(
        self, form: ArrangementForm, members: forms.BaseFormSet, partners: forms.BaseFormSet
    ):
        self.form, self.members, self.partners = form, members, partners
        self.origin: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
        self.state: dict[str, Any] | None = None

    def is_valid(self) -> bool:
        valid = all([self.form.is_valid(), self.members.is_valid(), self.partners.is_valid()])
        if not valid:
            return False
        rows = [("members", i, m) for i, m in _resolve_members(self.members)]
        rows += [("partners", i, m) for i, m in _partners(self.partners)]
        if any(f.errors for f in self.members.forms):
            return False
        for which, index, member in rows:
            self.origin[member_key(normalise_member(member))].append((which, index))
        self.state = normalise({**self.form.state_fields(), "members": [m for _, _, m in rows]})
        return True

    def apply_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the service's errors (``members[2].valid_from``) on the fields."""
        for path, messages in errors.items():
            for message in messages:
                self._error(path, message)

    def _error(self, path: str, message: str) -> None:
        if path.startswith("members["):
            index = int(path[len("members[") : path.index("]")])
            field = path.split(".", 1)[1] if "." in path else ""
            member = self.state["members"][index] if self.state else {}
            places = self.origin.get(member_key(member)) or [("members", -1)]
            which, row = places[-1]  # a duplicate member: the later row
            formset = self.members if which == "members" else self.partners
            if row < 0:
                _non_form_error(formset, message)
                return
            name = _member_field(which, field)
            formset.forms[row].add_error(name, message)
        elif path == "members":
            _non_form_error(self.members, message)
        elif path in self.form.fields:
            self.form.add_error(path, message)
        else:
            self.form.add_error(None, message)


def _non_form_error(formset: forms.BaseFormSet, message: str) -> None:
    errors = [*formset.non_form_errors(), message]
    formset._non_form_errors = formset.error_class(errors, error_class="nonform")


def _member_field(which: str, field: str) -> str | None:
    if which == "members":
        return {"code": "member", "kind": "member"}.get(
            field, field if field in MemberForm.base_fields else "member"
        )
    mapping = {"organisation_id": "name", "code": "name", "kind": "name"}
    name = mapping.get(field, field)
    return name if name in PartnerForm.base_fields else "name"


def initial_from_state(state: dict[str, Any]) -> tuple[dict, list[dict], list[dict]]:
    """Initial data of the form and its formsets from a state."""
    mandatory = {True: "ja", False: "nee"}.get(state.get("is_mandatory"), "")
    fields = {k: state.get(k) for k in ArrangementForm.base_fields if k in state}
    fields.update(is_mandatory=mandatory, themes=state.get("themes") or [])
    members, partners = [], []
    for m in state.get("members") or []:
        dates = {
            "role": m.get("role"),
            "valid_from": m.get("valid_from"),
            "valid_to": m.get("valid_to"),
        }
        if m.get("kind") == "organisation":
            partners.append(
                {
                    "organisation_id": m.get("organisation_id"),
                    "name": m.get("name"),
                    "organisation_kind": m.get("organisation_kind"),
                    "kvk_number": m.get("kvk_number"),
                    **dates,
                }
            )
        else:
            members.append({"member": f"{m.get('name')} ({m.get('code')})", **dates})
    return fields, members, partners


def error_summary(
    form: forms.Form | None, formsets: dict[str, tuple[str, forms.BaseFormSet]] | None = None
) -> list[dict[str, str]]:
    """The errors of a bound form and its formsets, each linked to its field, for the summary
    at the top of the page. ``formsets`` maps an anchor id to (row label, formset)."""
    if form is None or not form.is_bound:
        return []
    items = [{"href": "", "text": str(e)} for e in form.non_field_errors()]
    for field in form:
        items += [
            {"href": f"#{field.id_for_label}", "text": f"{field.label}: {e}"} for e in field.errors
        ]
    for anchor, (label, formset) in (formsets or {}).items():
        if not formset.is_bound:
            continue
        items += [{"href": f"#{anchor}", "text": str(e)} for e in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, start=1):
            for field in row:
                items += [
                    {
                        "href": f"#{field.id_for_label}",
                        "text": f"{label} {number}, {str(field.label).lower()}: {e}",
                    }
                    for e in field.errors
                ]
    return items
