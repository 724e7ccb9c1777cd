"""Labels and choice lists shared by the pages: themes, legal forms, divisions, provinces, in
the active language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy

from collaborations.arrangements.selectors.themes import theme_rows
from collaborations.core.choices import LEGAL_FORMS_BY_FAMILY, Domain, LegalForm, LegalFormFamily
from collaborations.divisions.selectors import division_list
from collaborations.geography.selectors.municipalities import province_names

FAMILY_COLOURS = {"wgr": "#154273", "privaatrechtelijk": "#b3541e", "netwerk": "#2f7d32"}
#: Footprints of regions that are no cooperation (the badge colours of regioatlas.css).
KIND_COLOURS = {"rijksindeling": "#5c3d7a", "statistisch": "#595959"}


def english() -> bool:
    return (get_language() or "nl").startswith("en")


def theme_options() -> list[dict[str, Any]]:
    """Themes grouped by domain: [{domain, label, themes: [{slug, name}]}]."""
    use_en = english()
    groups: dict[str, dict[str, Any]] = {}
    for slug, name, name_en, domain in theme_rows():
        group = groups.setdefault(
            domain, {"domain": domain, "label": str(Domain(domain).label), "themes": []}
        )
        group["themes"].append({"slug": slug, "name": (name_en if use_en and name_en else name)})
    for group in groups.values():
        group["themes"].sort(key=lambda t: t["name"].lower())
    order = list(Domain.values)
    return sorted(groups.values(), key=lambda g: order.index(g["domain"]))


def theme_names() -> dict[str, str]:
    return {t["slug"]: t["name"] for group in theme_options() for t in group["themes"]}


def legal_form_options() -> list[dict[str, Any]]:
    return [
        {
            "slug": str(family),
            "label": str(LegalFormFamily(family).label),
            "colour": FAMILY_COLOURS[str(family)],
            "forms": [{"slug": str(f), "label": str(LegalForm(f).label)} for f in forms],
        }
        for family, forms in LEGAL_FORMS_BY_FAMILY.items()
    ]


#: Badges of the kinds that are no cooperation (a cooperation shows its legal-form family).
KIND_BADGES = {
    "rijksindeling": gettext_lazy("Indeling van het Rijk"),
    "statistisch": gettext_lazy("Statistische indeling"),
}


def kind_labels(country: str = "nl") -> dict[str, str]:
    """The badge of each kind: samenwerking, Indeling van het Rijk (in Belgium: van de Vlaamse
    overheid), Statistische indeling."""
    labels = {"samenwerking": str(gettext_lazy("Samenwerking"))}
    labels.update({k: str(v) for k, v in KIND_BADGES.items()})
    if country == "be":
        labels["rijksindeling"] = str(gettext_lazy("Indeling van de Vlaamse overheid"))
    return labels


def country_options() -> list[dict[str, str]]:
    """The countries of the atlas: [{code, name}] (the filter ``land``)."""
    return [
        {"code": "nl", "name": str(gettext_lazy("Nederland"))},
        {"code": "be", "name": str(gettext_lazy("Vlaanderen en Brussel"))},
    ]


def kind_options() -> list[dict[str, str]]:
    """The kinds as filter choices: [{slug, label}]."""
    labels = {
        "samenwerking": gettext_lazy("Samenwerkingsverbanden"),
        "rijksindeling": gettext_lazy("Indelingen van het Rijk"),
        "statistisch": gettext_lazy("Statistische indelingen"),
    }
    return [{"slug": slug, "label": str(label)} for slug, label in labels.items()]


def family_labels() -> dict[str, str]:
    return {str(v): str(label) for v, label in LegalFormFamily.choices}


def form_labels() -> dict[str, str]:
    return {str(v): str(label) for v, label in LegalForm.choices}


def division_options() -> list[dict[str, Any]]:
    """Divisions with regions today: [{slug, name, version, regions, kind}]."""
    return [
        {
            "slug": d.slug,
            "name": d.name,
            "version": d.version_label,
            "regions": d.region_count,
            "kind": d.kind,
        }
        for d in division_list()
        if d.region_count
    ]


def province_options() -> list[dict[str, str]]:
    return [{"code": code, "name": name} for code, name in province_names()]
