"""The statistics page: how the arrangements divide over legal forms, themes, members and
provinces, as bar charts with their tables. The counts are aggregated in the database."""

from __future__ import annotations

import dataclasses
from collections import Counter

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from atlas_web.views import options
from atlas_web.views.charts import chart
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.lists import arrangement_list
from collaborations.arrangements.selectors.network import memberships_represented
from collaborations.arrangements.selectors.themes import theme_counts, theme_slug_map
from collaborations.core.choices import LEGAL_FORMS_BY_FAMILY, LegalForm, LegalFormFamily
from collaborations.geography.selectors.municipalities import province_names

MEMBER_BINS = ((0, 1, "0-1"), (2, 2, "2"), (3, 5, "3-5"), (6, 10, "6-10"), (11, 20, "11-20"))
MEMBER_BINS_TOP = (21, 50, "21-50")


def _filters(request: HttpRequest) -> ArrangementFilter:
    f = ArrangementFilter()
    if request.GET.get("zonderIndeling") in ("true", "1", "on"):
        f = dataclasses.replace(f, include_divisions=False)
    return f


def _forms(f: ArrangementFilter):
    rows = (
        arrangements_filter(filters=f)
        .order_by()
        .values_list("legal_form_family", "legal_form")
        .annotate(n=Count("pk"))
    )
    counts = {(family, form): n for family, form, n in rows}
    families = [
        (
            str(LegalFormFamily(family).label),
            sum(n for (fam, _form), n in counts.items() if fam == family),
            "",
            options.FAMILY_COLOURS[str(family)],
        )
        for family in LegalFormFamily.values
    ]
    forms = []
    for family, members in LEGAL_FORMS_BY_FAMILY.items():
        colour = options.FAMILY_COLOURS[str(family)]
        forms += [
            (str(LegalForm(form).label), counts.get((family, form), 0), "", colour)
            for form in members
        ]
        unknown = counts.get((family, ""), 0)
        forms.append(
            (
                _("%(family)s: vorm onbekend") % {"family": LegalFormFamily(family).label},
                unknown,
                "",
                colour,
            )
        )
    return families, forms


def _themes(f: ArrangementFilter):
    counts = theme_counts(filters=f)
    names = options.theme_names()
    rows = [(names.get(slug, slug), counts.get(pk, 0)) for pk, slug in theme_slug_map().items()]
    return sorted((r for r in rows if r[1]), key=lambda r: (-r[1], r[0]))


def _member_distribution(f: ArrangementFilter):
    sizes = list(arrangement_list(filters=f).values_list("member_count", flat=True))
    bins = []
    for low, high, label in (*MEMBER_BINS, MEMBER_BINS_TOP):
        bins.append((label, sum(1 for s in sizes if low <= s <= high)))
    bins.append(("> 50", sum(1 for s in sizes if s > MEMBER_BINS_TOP[1])))
    average = round(sum(sizes) / len(sizes), 1) if sizes else 0
    return bins, average, len(sizes)


def _theme_distribution(f: ArrangementFilter):
    per_arrangement = (
        arrangements_filter(filters=f)
        .order_by()
        .annotate(n=Count("themes"))
        .values_list("n", flat=True)
    )
    counter = Counter(min(n, 4) for n in per_arrangement)
    labels = {
        0: _("geen thema"),
        1: _("1 thema (sectoraal)"),
        2: _("2 thema's"),
        3: _("3 thema's"),
        4: _("4 of meer"),
    }
    return [(labels[k], counter.get(k, 0)) for k in range(5)]


def _provinces(f: ArrangementFilter):
    descendant = "municipality__province__code"
    counts = dict(
        memberships_represented(filters=f)
        .values_list(descendant)
        .annotate(n=Count("arrangement_id", distinct=True))
        .values_list(descendant, "n")
        .order_by()
    )
    return [(name, counts.get(code, 0)) for code, name in province_names()]


def statistics_page(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    families, forms = _forms(f)
    members, average, total = _member_distribution(f)
    number = _("Aantal")
    charts = [
        chart(
            id="rechtsvormfamilie",
            title=_("Samenwerkingsverbanden per rechtsvormfamilie"),
            items=families,
            label_heading=_("Rechtsvormfamilie"),
            value_heading=number,
        ),
        chart(
            id="rechtsvorm",
            title=_("Samenwerkingsverbanden per rechtsvorm"),
            items=forms,
            label_heading=_("Rechtsvorm"),
            value_heading=number,
        ),
        chart(
            id="thema",
            title=_("Samenwerkingsverbanden per thema"),
            items=_themes(f),
            label_heading=_("Thema"),
            value_heading=number,
        ),
        chart(
            id="leden",
            title=_("Aantal gemeenten per samenwerkingsverband"),
            items=members,
            label_heading=_("Gemeenten"),
            value_heading=_("Samenwerkingsverbanden"),
        ),
        chart(
            id="themas-per-verband",
            title=_("Thema's per samenwerkingsverband (functionele integraliteit)"),
            items=_theme_distribution(f),
            label_heading=_("Thema's"),
            value_heading=_("Samenwerkingsverbanden"),
        ),
        chart(
            id="provincie",
            title=_("Samenwerkingsverbanden met een gemeente in de provincie"),
            items=_provinces(f),
            label_heading=_("Provincie"),
            value_heading=number,
        ),
    ]
    context = {
        "charts": charts,
        "total": total,
        "average": average,
        "without_divisions": not f.include_divisions,
    }
    return render(request, "atlas/statistics.html", context)
