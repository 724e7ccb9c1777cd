"""Forms of the registration pages. They only parse input (formats, which municipality a
typed name means); the rules live in services.registration.validation, whose errors are put
back on the fields here (:func:`apply_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atlas_web.views.options import theme_options
from collaborations.core.choices import (
    LEGAL_FORMS_BY_FAMILY,
    Domain,
    LegalForm,
    LegalFormFamily,
    OrganisationKind,
    Role,
    Stage,
)
from collaborations.registration.choices import ImportKind

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
    """Themes grouped by domain, named in the active language (as in the atlas)."""
    return [
        (group["label"], [(t["slug"], t["name"]) for t in group["themes"]])
        for group in theme_options()
    ]


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
    division_slug = forms.SlugField(
        label=gettext_lazy("Code"),
        required=False,
        max_length=80,
        help_text=gettext_lazy(
            "De code van een bestaande indeling maakt het bestand een nieuwe versie ervan "
            "(vanaf 1 januari van het jaar); leeg: een nieuwe indeling."
        ),
    )
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
