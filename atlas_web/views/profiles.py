"""Profile pages: one municipality, one arrangement. Printable; their maps are small
enhancements of pages that are complete without them."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from atlas_web.views import options
from atlas_web.views.atlas import basemap
from atlas_web.views.charts import chart
from collaborations import permissions
from collaborations.arrangements.selectors.detail import (
    arrangement_by_slug as arrangement_with_slug,
)
from collaborations.arrangements.selectors.detail import (
    arrangement_page_get,
    arrangement_profile,
)
from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.arrangements.selectors.municipalities import municipality_profile
from collaborations.clustering.selectors.profile import municipality_bre
from collaborations.core.choices import LegalForm, LegalFormFamily, Role, Stage
from collaborations.divisions.selectors import municipality_region_history
from collaborations.geography.selectors.municipalities import municipality_detail
from collaborations.geography.selectors.validity import today
from collaborations.registration.selectors.history import arrangement_history


def _geojson(text: str | None, properties: dict[str, Any]) -> dict[str, Any] | None:
    if not text:
        return None
    return {"type": "Feature", "geometry": json.loads(text), "properties": properties}


def _page_config(features: list[dict[str, Any] | None]) -> dict[str, Any]:

    return {
        "basemap": basemap(),
        "features": [f for f in features if f],
    }


def municipality_page(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_detail(code=code)
    if municipality is None:
        raise Http404
    profile = municipality_profile(
        municipality=municipality, filters=ArrangementFilter(country=municipality.country)
    )
    theme_names = options.theme_names()
    families = options.family_labels()
    forms = options.form_labels()
    kinds = options.kind_labels(municipality.country)
    for item in profile["samenwerkingsverbanden"]:
        item["themaNamen"] = [theme_names.get(s, s) for s in item["themas"]]
        item["familieNaam"] = families.get(item["rechtsvormFamilie"], "")
        item["vormNaam"] = forms.get(item["rechtsvorm"] or "", "")
        item["soortNaam"] = kinds.get(item["soort"], "")
    slugs = {item["id"]: item["slug"] for item in profile["samenwerkingsverbanden"]}
    history = municipality_region_history(municipality_id=municipality.pk)
    since = {r["id"]: r["vanaf"] for d in history for r in d["regios"] if r["tot"] is None}
    for region in profile["officieleRegios"]:
        region["slug"] = slugs.get(region["samenwerkingsverband"], "")
        region["sinds"] = since.get(region["samenwerkingsverband"])
    by_theme = sorted(
        (
            (theme_names.get(slug, _("Zonder thema")), len(ids))
            for slug, ids in profile["perThema"].items()
        ),
        key=lambda pair: (-pair[1], pair[0]),
    )
    by_family = [
        (
            families[str(f)],
            len(profile["perRechtsvormFamilie"].get(str(f), [])),
            "",
            options.FAMILY_COLOURS[str(f)],
        )
        for f in LegalFormFamily.values
    ]
    charts = [
        chart(
            id="per-thema",
            title=_("Samenwerkingsverbanden per thema"),
            items=by_theme,
            label_heading=_("Thema"),
            value_heading=_("Aantal"),
        ),
        chart(
            id="per-rechtsvorm",
            title=_("Samenwerkingsverbanden per rechtsvormfamilie"),
            items=by_family,
            label_heading=_("Rechtsvormfamilie"),
            value_heading=_("Aantal"),
        ),
    ]
    feature = _geojson(municipality.shape, {"naam": municipality.name, "code": municipality.code})
    context = {
        "municipality": municipality,
        "profile": profile,
        "charts": charts,
        "config": _page_config([feature]),
        "day": today(),
        "region_changes": [d for d in history if len(d["regios"]) > 1],
        "bre": municipality_bre(municipality=municipality),
    }
    return render(request, "atlas/municipality.html", context)


def arrangement_by_slug(request: HttpRequest, slug: str) -> HttpResponse:
    arrangement = arrangement_with_slug(
        slug=slug, include_unpublished=permissions.can_view_unpublished(request.user)
    )
    if arrangement is None:
        raise Http404
    return redirect("atlas:samenwerkingsverband", pk=arrangement.pk, slug=arrangement.slug)


def _labelled_members(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roles = dict(Role.choices)
    for member in members:
        member["rolNaam"] = roles.get(member["rol"], member["rol"])
    return members


def _member_changes(members: list[dict[str, Any]], start) -> list[dict[str, Any]]:
    """Per date after the start, the municipalities that joined and left (a region of a
    division changes its members on the date of a new version)."""
    changes: dict[Any, dict[str, list[str]]] = {}
    for member in members:
        if member["soort"] != "gemeente":
            continue
        if member["lidVanaf"] and member["lidVanaf"] != start:
            changes.setdefault(member["lidVanaf"], {"joined": [], "left": []})["joined"].append(
                member
            )
        if member["lidTot"]:
            changes.setdefault(member["lidTot"], {"joined": [], "left": []})["left"].append(member)
    return [{"datum": day, **changes[day]} for day in sorted(changes)]


def arrangement_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    arrangement = arrangement_page_get(
        pk=pk, include_unpublished=permissions.can_view_unpublished(request.user)
    )
    if arrangement is None:
        raise Http404
    if arrangement.slug != slug:
        return redirect("atlas:samenwerkingsverband", pk=arrangement.pk, slug=arrangement.slug)
    day = today()
    profile = arrangement_profile(arrangement_id=arrangement.pk, day=day)
    theme_names = options.theme_names()
    for theme in profile["themas"]:
        theme["label"] = theme_names.get(theme["slug"], theme["naam"])
    feature = _geojson(arrangement.shape, {"naam": arrangement.name, "id": arrangement.pk})
    kind = arrangement.division.kind if arrangement.division else "samenwerking"
    context = {
        "arrangement": arrangement,
        "kind": kind,
        "kind_label": options.kind_labels(
            arrangement.division.country if arrangement.division else "nl"
        ).get(kind, ""),
        "profile": profile,
        "members": _labelled_members(profile["leden"]),
        "family_label": options.family_labels().get(arrangement.legal_form_family, ""),
        "form_label": dict(LegalForm.choices).get(arrangement.legal_form, ""),
        "stage_label": dict(Stage.choices).get(arrangement.stage, ""),
        "colour": options.FAMILY_COLOURS.get(arrangement.legal_form_family, "#154273"),
        "config": _page_config([feature]),
        "day": day,
        "history": arrangement_history(arrangement_id=arrangement.pk),
        "member_changes": _member_changes(profile["leden"], arrangement.start_date),
    }
    return render(request, "atlas/arrangement.html", context)
