"""Forms of the registration pages. They only parse input (formats, which municipality a
typed name means); the rules live in services.registration.validation, whose errors are put
back on the fields here (:func:`apply_errors`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collaborations.models import Theme
from collaborations.models.choices import (
    LEGAL_FORMS_BY_FAMILY,
    Domain,
    LegalForm,
    LegalFormFamily,
    OrganisationKind,
    Role,
    Stage,
)
from collaborations.models.registration import ImportKind
from collaborations.selectors.registration import members_resolve
from collaborations.services.registration.state import member_key, normalise, normalise_member

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


def theme_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for slug, name, domain in Theme.objects.order_by("name").values_list("slug", "name", "domain"):
        groups[domain].append((slug, name))
    return [(str(Domain(d).label), groups[d]) for d in Domain.values if groups[d]]


def legal_form_choices() -> list[Any]:
    choices: list[Any] = [("", _("Onbekend of nog niet bepaald"))]
    for family, forms_ in LEGAL_FORMS_BY_FAMILY.items():
        choices.append(
            (str(LegalFormFamily(family).label), [(f, LegalForm(f).label) for f in forms_])
        )
    return choices


class ArrangementForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=255, required=False)
    short_name = forms.CharField(
        label=gettext_lazy("Korte naam"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("Voor kaarten en tabellen, bijv. “Regio Zwolle”."),
    )
    legal_form_family = forms.ChoiceField(
        label=gettext_lazy("Rechtsvormfamilie"),
        choices=LegalFormFamily.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=gettext_lazy(
            "Wgr: gemeenschappelijke regeling. Privaatrechtelijk: stichting, vereniging, BV. "
            "Netwerk: geen rechtspersoon (convenant, bestuurlijk overleg)."
        ),
    )
    legal_form = forms.ChoiceField(label=gettext_lazy("Rechtsvorm"), required=False)
    is_mandatory = forms.ChoiceField(
        label=gettext_lazy("Verplichte samenwerking?"),
        choices=[
            ("ja", gettext_lazy("Ja, wettelijk verplicht")),
            ("nee", gettext_lazy("Nee, vrijwillig")),
            ("", gettext_lazy("Onbekend")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Thema's"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Kies ten minste één thema."),
    )
    description = forms.CharField(
        label=gettext_lazy("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    website = forms.CharField(
        label=gettext_lazy("Website"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        help_text=gettext_lazy("Bijv. https://www.regio.nl"),
    )
    cbs_gr_code = forms.CharField(
        label=gettext_lazy("CBS GR-code"),
        required=False,
        max_length=6,
        help_text=gettext_lazy(
            "GR gevolgd door 4 cijfers, bijv. GR0123 (alleen voor een Wgr-regeling)."
        ),
    )
    kvk_number = forms.CharField(
        label=gettext_lazy("KvK-nummer"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("8 cijfers."),
    )
    start_date = _date_field(gettext_lazy("Startdatum"))
    end_date = _date_field(
        gettext_lazy("Einddatum"), gettext_lazy("Leeg als het verband nog bestaat.")
    )
    stage = forms.ChoiceField(
        label=gettext_lazy("Levensfase"),
        choices=[("", gettext_lazy("Onbekend")), *Stage.choices],
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Kort: waarom registreert of wijzigt u dit? Komt in de geschiedenis."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_warnings = forms.BooleanField(
        label=gettext_lazy("Ik heb de waarschuwing gelezen en wil toch opslaan"), required=False
    )

    #: Required by the domain (which checks them with the rest, so all errors come at once).
    DOMAIN_REQUIRED = ("name", "legal_form_family", "themes", "reason")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = theme_choices()
        self.fields["legal_form"].choices = legal_form_choices()
        for name in self.DOMAIN_REQUIRED:
            self.fields[name].domain_required = True
            if name in ("name", "reason"):
                self.fields[name].widget.attrs["aria-required"] = "true"

    def state_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        mandatory = data.get("is_mandatory")
        return {
            "name": data.get("name", ""),
            "short_name": data.get("short_name", ""),
            "legal_form_family": data.get("legal_form_family", ""),
            "legal_form": data.get("legal_form", ""),
            "is_mandatory": {"ja": True, "nee": False}.get(mandatory),
            "themes": data.get("themes") or [],
            "description": data.get("description", ""),
            "website": data.get("website", ""),
            "cbs_gr_code": data.get("cbs_gr_code", ""),
            "kvk_number": data.get("kvk_number", ""),
            "start_date": data.get("start_date"),
            "end_date": data.get("end_date"),
            "stage": data.get("stage", ""),
        }


class MemberForm(forms.Form):
    member = forms.CharField(
        label=gettext_lazy("Gemeente of provincie"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Naam of CBS-code, bijv. Utrecht of GM0344."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-combobox": "leden"}),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Rol"), choices=Role.choices, initial=Role.PARTICIPANT
    )
    valid_from = _date_field(gettext_lazy("Lid vanaf"))
    valid_to = _date_field(gettext_lazy("Lid tot"))

    def has_member(self) -> bool:
        return bool(self.cleaned_data.get("member")) and not self.cleaned_data.get("DELETE")


class PartnerForm(forms.Form):
    organisation_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=gettext_lazy("Naam van de partner"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-combobox": "organisaties"}),
    )
    organisation_kind = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=[
            ("", gettext_lazy("Kies…")),
            *[c for c in OrganisationKind.choices if c[0] != "onbekend"],
        ],
        required=False,
    )
    kvk_number = forms.CharField(label=gettext_lazy("KvK-nummer"), max_length=12, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("Rol"), choices=Role.choices, initial=Role.PARTICIPANT
    )
    valid_from = _date_field(gettext_lazy("Lid vanaf"))
    valid_to = _date_field(gettext_lazy("Lid tot"))

    def has_member(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("name") or data.get("organisation_id")) and not data.get("DELETE")


def member_formset(extra: int = 0) -> type[forms.BaseFormSet]:
    return forms.formset_factory(MemberForm, extra=extra, can_delete=True, max_num=500)


def partner_formset(extra: int = 0) -> type[forms.BaseFormSet]:
    return forms.formset_factory(PartnerForm, extra=extra, can_delete=True, max_num=200)


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


# --- review, history, imports ------------------------------------------------------------------------
class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        choices=[
            ("goedkeuren", gettext_lazy("Goedkeuren en publiceren")),
            ("aanpassen", gettext_lazy("Aanpassing vragen aan de indiener")),
            ("afwijzen", gettext_lazy("Afwijzen")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=gettext_lazy("Toelichting voor de indiener"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Verplicht bij afwijzen en bij een vraag om aanpassing."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat importeert u?"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        initial=ImportKind.ARRANGEMENTS,
    )
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("CSV (UTF-8 of Windows-1252, ; of , gescheiden) of Excel (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Bijv. “Jaarlijkse actualisatie van de provincie Utrecht”."),
    )
    # a new division
    division_name = forms.CharField(
        label=gettext_lazy("Naam van de indeling"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leeg: de kop van de derde kolom."),
    )
    division_slug = forms.SlugField(label=gettext_lazy("Code"), required=False, max_length=80)
    division_year = forms.IntegerField(
        label=gettext_lazy("Jaar"), required=False, min_value=1900, max_value=2100
    )
    division_domain = forms.ChoiceField(
        label=gettext_lazy("Domein"), choices=Domain.choices, required=False
    )
    division_kind = forms.ChoiceField(
        label=gettext_lazy("Soort indeling"),
        choices=[
            ("samenwerking", gettext_lazy("Samenwerkingsregio's")),
            ("rijksindeling", gettext_lazy("Indeling van het Rijk")),
            ("statistisch", gettext_lazy("Statistische indeling")),
        ],
        required=False,
    )
    division_family = forms.ChoiceField(
        label=gettext_lazy("Rechtsvormfamilie van de regio's"),
        choices=LegalFormFamily.choices,
        required=False,
    )
    division_form = forms.ChoiceField(
        label=gettext_lazy("Rechtsvorm van de regio's"), required=False
    )
    division_mandatory = forms.ChoiceField(
        label=gettext_lazy("Verplicht?"),
        choices=[
            ("", gettext_lazy("Onbekend")),
            ("ja", gettext_lazy("Ja")),
            ("nee", gettext_lazy("Nee")),
        ],
        required=False,
    )
    division_themes = forms.MultipleChoiceField(
        label=gettext_lazy("Thema's van de regio's"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    division_prefix = forms.CharField(
        label=gettext_lazy("Voorvoegsel van de regionaam"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("Bijv. “Veiligheidsregio ” geeft “Veiligheidsregio Utrecht”."),
    )
    division_description = forms.CharField(
        label=gettext_lazy("Omschrijving"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["division_themes"].choices = theme_choices()
        self.fields["division_form"].choices = legal_form_choices()

    def division_options(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data.get("division_name") or "",
            "slug": data.get("division_slug") or "",
            "year": data.get("division_year") or None,
            "domain": data.get("division_domain") or "sociaal",
            "kind": data.get("division_kind") or "samenwerking",
            "legal_form_family": data.get("division_family") or "netwerk",
            "legal_form": data.get("division_form") or "",
            "is_mandatory": {"ja": True, "nee": False}.get(data.get("division_mandatory")),
            "themes": data.get("division_themes") or [],
            "region_prefix": data.get("division_prefix") or "",
            "description": data.get("division_description") or "",
        }


#: Service error keys of an import -> fields of ImportForm.
IMPORT_FIELDS = {
    "file": "file",
    "reason": "reason",
    "kind": "kind",
    "name": "division_name",
    "slug": "division_slug",
    "year": "division_year",
    "domain": "division_domain",
    "themes": "division_themes",
    "legal_form_family": "division_family",
}


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
