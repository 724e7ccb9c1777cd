"""The side-by-side page ``/vergelijken`` (docs/atlas.md): two partitions of the municipalities,
each on its own peildatum (by default the jeugdregio's of 2016 and those in force today), with
the municipalities that moved and the borders that do not match. The state is in the URL (a GET
form: every view is a permalink); the table of differences is rendered here and works without
JavaScript. static/atlas/compare/main.js adds the two synchronised maps from the API."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atlas_web.views.atlas import leaflet_config
from atlas_web.views.partition_forms import day_or, form_answer
from collaborations.clustering.selectors.partitions import partition_get, partition_options
from collaborations.divisions.congruence.differences import (
    KINDS,
    MOVED,
    ONLY_IN_A,
    ONLY_IN_B,
    Differences,
    partitions_differences,
)
from collaborations.geography.selectors.borders import ONLY_A, ONLY_B
from collaborations.geography.selectors.validity import today

#: The default comparison: the jeugdregio's of 2016 against those in force today (2025).
DEFAULT_DIVISION = "jeugdregios"
DEFAULT_DAY_LEFT = datetime.date(2016, 1, 1)
SIDES = ("links", "rechts")
#: The kinds and border classes in the page's words (left and right rather than A and B).
SIDE_KINDS = {
    MOVED: gettext_lazy("verhuisd: rechts niet in de tegenhanger van haar regio links"),
    ONLY_IN_A: gettext_lazy("alleen links"),
    ONLY_IN_B: gettext_lazy("alleen rechts"),
}
SIDE_BORDERS = {
    ONLY_A: gettext_lazy("alleen grens links (loopt door een regio rechts)"),
    ONLY_B: gettext_lazy("alleen grens rechts (loopt door een regio links)"),
}
DAY_FIELD = {"links": "peildatumLinks", "rechts": "peildatumRechts"}


class CompareForm(forms.Form):
    links = forms.ChoiceField(label=gettext_lazy("Links: indeling"))
    peildatumLinks = forms.DateField(  # noqa: N815 - the public (URL) name
        label=gettext_lazy("Links: peildatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    rechts = forms.ChoiceField(label=gettext_lazy("Rechts: indeling"))
    peildatumRechts = forms.DateField(  # noqa: N815
        label=gettext_lazy("Rechts: peildatum"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: QueryDict, choices: dict[str, list[tuple[str, str]]]):
        super().__init__(data)
        for side in SIDES:
            self.fields[side].choices = choices[side]


def _defaults(query: QueryDict) -> tuple[QueryDict, dict[str, datetime.date]]:
    data = query.copy()
    days = {
        "links": day_or(data.get("peildatumLinks"), DEFAULT_DAY_LEFT),
        "rechts": day_or(data.get("peildatumRechts"), today()),
    }
    for side in SIDES:
        if not data.get(side):
            data[side] = DEFAULT_DIVISION
        if not data.get(DAY_FIELD[side]):
            data[DAY_FIELD[side]] = days[side].isoformat()
    return data, days


def _choices(days: dict[str, datetime.date]) -> dict[str, list[tuple[str, str]]]:
    return {side: [(o.ref, o.name) for o in partition_options(day=days[side])] for side in SIDES}


def _differences(data: dict[str, Any]) -> Differences:
    a = partition_get(reference=data["links"], day=data["peildatumLinks"])
    b = partition_get(reference=data["rechts"], day=data["peildatumRechts"])
    return partitions_differences(
        a=a, b=b, day_a=data["peildatumLinks"], day_b=data["peildatumRechts"]
    )


def _rows(differences: Differences) -> list[dict[str, Any]]:
    names = differences.municipalities
    return [
        {
            "code": names[move.municipality][0],
            "name": names[move.municipality][1],
            "kind": move.kind,
            "kind_label": str(SIDE_KINDS[move.kind]).split(":")[0],
            "left": move.a.name if move.a else "",
            "right": move.b.name if move.b else "",
            "expected": move.expected.name if move.expected else "",
            "codes_left": " ".join(
                differences.codes_a.get(move.municipality, [names[move.municipality][0]])
            ),
        }
        for move in differences.moves
    ]


def _api_query(differences: Differences) -> dict[str, str]:
    return {
        "a": differences.a.ref,
        "b": differences.b.ref,
        "peildatumA": differences.day_a.isoformat(),
        "peildatumB": differences.day_b.isoformat(),
    }


def _config(differences: Differences) -> dict[str, Any]:
    return {
        **leaflet_config(),
        "query": _api_query(differences),
        "strings": {
            "kinds": {kind: str(label) for kind, label in SIDE_KINDS.items()},
            "borders": {key: str(label) for key, label in SIDE_BORDERS.items()},
            "regionBorders": _("grens van een regio"),
            "legend": _("Legenda"),
            "loadError": _("De kaarten konden niet worden geladen; de tabel hieronder werkt."),
            "ready": _("Kaarten geladen"),
            "selected": _("Op de kaarten: %(name)s"),
            "left": _("Links"),
            "right": _("Rechts"),
        },
    }


def compare_page(request: HttpRequest) -> HttpResponse:
    data, days = _defaults(request.GET)
    form = CompareForm(data, _choices(days))
    context: dict[str, Any] = {"title": _("Vergelijken: twee kaarten naast elkaar"), "form": form}
    differences = form_answer(form, _differences)
    if differences is None:
        return render(request, "atlas/compare.html", context, status=400)
    query = _api_query(differences)
    api = reverse("api:congruentie-verschillen") + "?" + urlencode(query)
    context.update(
        differences=differences,
        rows=_rows(differences),
        counts={kind: sum(1 for m in differences.moves if m.kind == kind) for kind in KINDS},
        borders=[(str(SIDE_BORDERS[cls]), n) for cls, n, _geojson in differences.borders],
        links={"json": api, "csv": api + "&formaat=csv"},
        config=_config(differences),
    )
    return render(request, "atlas/compare.html", context)
