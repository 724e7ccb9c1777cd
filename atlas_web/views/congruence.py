"""The congruence page (docs/congruence.md): pick two partitions of the municipalities on a
peildatum and see how well they fit: the measures, the fit of every region of A, A against
every division in force, and the heatmap of the whole matrix with a table equivalent. The
state is in the URL (a GET form: every view is a permalink). The map of shared and crossing
borders is drawn by static/atlas/congruence/main.js from the API; the page is complete
without it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atlas_web.views.atlas import leaflet_config
from atlas_web.views.heatmap import heatmap, pair_list
from atlas_web.views.partition_forms import day_or, form_answer
from collaborations.clustering.selectors.partitions import (
    PartitionOption,
    partition_get,
    partition_options,
)
from collaborations.divisions.congruence.compare import (
    IN_A,
    IN_B,
    Comparison,
    NothingToCompareError,
    partitions_compare,
)
from collaborations.divisions.congruence.labels import BORDERS, FITS, MEASURES
from collaborations.divisions.congruence.matrix import congruence_matrix, partition_ranking
from collaborations.divisions.congruence.partitions import Partition
from collaborations.divisions.measures import CROSSING
from collaborations.geography.selectors.validity import today

#: The default A: the veiligheidsregio's, against each other division.
DEFAULT_A = "veiligheidsregios"
HEATMAP_MEASURES = [(name, label) for name, _attr, label, _meaning in MEASURES]


class CongruenceForm(forms.Form):
    a = forms.ChoiceField(label=gettext_lazy("Indeling A"))
    b = forms.ChoiceField(label=gettext_lazy("Indeling B"))
    peildatum = forms.DateField(
        label=gettext_lazy("Peildatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    maat = forms.ChoiceField(
        label=gettext_lazy("Maat in de heatmap"), choices=HEATMAP_MEASURES, required=False
    )

    def __init__(self, data: QueryDict, options: list[PartitionOption]):
        super().__init__(data)
        choices = [(o.ref, o.name) for o in options]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


def _closest(a: Partition, day) -> str:
    """The division that fits ``a`` best among those that share at least half of its
    municipalities (a division of a few municipalities fits anything)."""
    ranking = partition_ranking(partition=a, day=day)
    wide = [d for d, m in ranking if m.municipalities * 2 >= a.municipality_count]
    candidates = wide or [d for d, _ in ranking]
    return candidates[0].slug if candidates else a.ref


def _defaults(query: QueryDict, options: list[PartitionOption], day) -> QueryDict:
    """The query with A (the veiligheidsregio's), B (the division that fits A best), the
    heatmap's measure and the peildatum filled in when absent."""
    data = query.copy()
    refs = [o.ref for o in options]
    if not data.get("a") and refs:
        data["a"] = DEFAULT_A if DEFAULT_A in refs else refs[0]
    if not data.get("b") and data.get("a") in refs:
        data["b"] = _closest(partition_get(reference=data["a"], day=day), day)
    data.setdefault("maat", "ari")
    data.setdefault("peildatum", day.isoformat())
    return data


def _measure_rows(comparison: Comparison) -> list[dict[str, Any]]:
    return [
        {"name": label, "meaning": meaning, "value": getattr(comparison.measures, attr), "key": key}
        for key, attr, label, meaning in MEASURES
    ]


def _fit_rows(comparison: Comparison) -> list[dict[str, Any]]:
    names = comparison.municipalities
    rows = [
        {
            "fit": fit,
            "label": str(FITS[fit.fit]).split(":")[0],
            "wrong_side": [names[m][1] for m in fit.outside],
        }
        for fit in comparison.fits
    ]
    return sorted(rows, key=lambda r: (r["fit"].fit != CROSSING, r["fit"].region.name.lower()))


def _separation_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """Municipalities with a neighbour that one partition puts in the same region and the
    other does not, by name."""
    names = comparison.municipalities
    rows = []
    for municipality, separated in comparison.separations.items():
        code, name = names[municipality]
        rows.append(
            {
                "code": code,
                "name": name,
                "together_a": sorted(names[n][1] for n, side in separated if side == IN_A),
                "together_b": sorted(names[n][1] for n, side in separated if side == IN_B),
            }
        )
    return sorted(rows, key=lambda r: (r["name"].lower(), r["code"]))


def _links(query: dict[str, Any]) -> dict[str, str]:
    """Downloads of what the page shows, from the API."""

    def api(name: str, **extra: str) -> str:
        return reverse(f"api:{name}") + "?" + urlencode({**query, **extra})

    day = {"peildatum": query["peildatum"]}
    return {
        "json": api("congruentie"),
        "regions_csv": api("congruentie", formaat="csv"),
        "municipalities_csv": api("congruentie", formaat="csv", tabel="gemeenten"),
        "borders": api("congruentie-grenzen", formaat="geojson"),
        "matrix_json": reverse("api:congruentie-matrix") + "?" + urlencode(day),
        "matrix_csv": reverse("api:congruentie-matrix")
        + "?"
        + urlencode({**day, "formaat": "csv"}),
    }


def _compare(data: dict[str, Any], day) -> Comparison:
    a = partition_get(reference=data["a"], day=day)
    b = partition_get(reference=data["b"], day=day)
    return partitions_compare(a=a, b=b, day=day)


def _config(comparison: Comparison, day) -> dict[str, Any]:
    return {
        **leaflet_config(),
        "a": comparison.a.ref,
        "b": comparison.b.ref,
        "peildatum": day.isoformat(),
        "strings": {
            "fits": {key: str(label) for key, label in FITS.items()},
            "borders": {key: str(label) for key, label in BORDERS.items()},
            "notCompared": _("niet vergeleken (niet in beide indelingen)"),
            "legend": _("Legenda"),
            "regionsOfA": _("Regio's van A"),
            "borderTitle": _("Grenzen"),
            "loadError": _("De kaart kon niet worden geladen; de tabellen hieronder werken."),
            "ready": _("Kaart geladen"),
            "regionA": _("Regio in A"),
            "regionB": _("Regio in B"),
        },
    }


def congruence_page(request: HttpRequest) -> HttpResponse:
    day = day_or(request.GET.get("peildatum"), today())  # the form reports a bad one
    options = partition_options(day=day)
    form = CongruenceForm(_defaults(request.GET, options, day), options)
    context: dict[str, Any] = {"title": _("Congruentie van indelingen"), "form": form}
    comparison = form_answer(
        form, lambda data: _compare(data, day), errors=(NothingToCompareError,)
    )
    if comparison is None:
        return render(request, "atlas/congruence.html", context, status=400)
    query = {"a": comparison.a.ref, "b": comparison.b.ref, "peildatum": day.isoformat()}
    divisions, pairs = congruence_matrix(day=day)
    attribute = dict((k, a) for k, a, *_ in MEASURES)[form.cleaned_data["maat"] or "ari"]
    context.update(
        comparison=comparison,
        day=day,
        measures=_measure_rows(comparison),
        fits=_fit_rows(comparison),
        separations=_separation_rows(comparison),
        ranking=partition_ranking(partition=comparison.a, day=day),
        heatmap=heatmap(divisions, pairs, attribute),
        heatmap_divisions=divisions,
        heatmap_measure=dict(HEATMAP_MEASURES)[form.cleaned_data["maat"] or "ari"],
        pairs=pair_list(divisions, pairs),
        query=query,
        links=_links(query),
        config=_config(comparison, day),
    )
    return render(request, "atlas/congruence.html", context)
