"""Themes (thema's) with the number of arrangements that carry them."""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import NullIf
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.arrangements.selectors.themes import theme_counts, theme_list

from .. import docs
from .. import docs_resources as rdocs
from ..collection import Collection, Item
from ..params import ARRANGEMENT_FILTERS, SLUG, arrangement_filter, path_code
from .base import ReadView

THEME_VALUES = {"naam": F("name"), "naamEn": NullIf(F("name_en"), Value("")), "domein": F("domain")}
THEME_COLUMNS = ["slug", "naam", "naamEn", "domein", "aantalSamenwerkingsverbanden"]
COUNT_DESCRIPTION = (
    "`aantalSamenwerkingsverbanden` telt de samenwerkingsverbanden met dit thema onder de "
    "filters (standaard: gepubliceerd en op de peildatum bestaand). Met `thema` of `domein` "
    "tellen alleen de verbanden die óók dat thema of domein hebben."
)


class ThemeListView(ReadView):
    has_geometry = False
    download_name = "themas"
    parameters = ARRANGEMENT_FILTERS

    @extend_schema(
        operation_id="themasZoeken",
        summary="Thema's",
        description="Alle beleidsthema's, per domein. " + COUNT_DESCRIPTION,
        responses=docs.list_responses(rdocs.ThemeSchema, "themas", geo=False),
        tags=["themas"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        filters = arrangement_filter(self.params)
        rows = list(theme_list().values("id", "slug", **THEME_VALUES))
        counts = theme_counts(filters=filters)
        for row in rows:
            row["aantalSamenwerkingsverbanden"] = counts.get(row.pop("id"), 0)
        return Collection(
            name="themas", rows=rows, id_field="slug", total=len(rows), columns=THEME_COLUMNS
        )


class ThemeDetailView(ReadView):
    has_geometry = False
    parameters = (
        path_code("slug", SLUG, "afval", "Code van het thema, bijv. `afval`."),
        *ARRANGEMENT_FILTERS,
    )

    @extend_schema(
        operation_id="themaOphalen",
        summary="Eén thema",
        description="Een beleidsthema met zijn omschrijving. " + COUNT_DESCRIPTION,
        responses=docs.item_responses(rdocs.ThemeDetailSchema, geo=False),
        tags=["themas"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, slug: str) -> Item:
        filters = arrangement_filter(self.params)
        row = (
            theme_list()
            .filter(slug=slug)
            .values("id", "slug", **THEME_VALUES, omschrijving=F("description"))
            .first()
        )
        if row is None:
            raise Http404
        row["aantalSamenwerkingsverbanden"] = theme_counts(filters=filters).get(row.pop("id"), 0)
        row["omschrijving"] = row["omschrijving"] or None
        return Item(name="thema", row=row, id_field="slug")
