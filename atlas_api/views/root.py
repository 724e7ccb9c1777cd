"""The root of the API (``/api/v1``): what it is and where its documents and its OGC API
sibling (``/api/ogc/v1``, for GIS clients) are."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request

from .. import docs
from ..collection import Item
from .base import ReadView

RootLinksSchema = inline_serializer(
    name="ApiRootLinks",
    fields={
        "self": serializers.URLField(),
        "openapi": serializers.URLField(help_text="Het OpenAPI-document van deze API."),
        "documentatie": serializers.URLField(help_text="De documentatie (Swagger UI)."),
        "ogcApi": serializers.URLField(
            help_text="Dezelfde gegevens als OGC API Features en Tiles (voor GIS-pakketten)."
        ),
    },
)


ApiRootSchema = inline_serializer(
    name="ApiRoot",
    fields={
        "naam": serializers.CharField(),
        "versie": serializers.CharField(),
        "_links": RootLinksSchema,
    },
)


class ApiRootView(ReadView):
    has_geometry = False
    parameters = ()

    @extend_schema(
        operation_id="apiOphalen",
        summary="De API",
        description="Naam en versie van de API, met links naar het OpenAPI-document, de "
        "documentatie en de OGC API (`/api/ogc/v1`) met dezelfde gegevens voor GIS-pakketten.",
        responses=docs.item_responses(ApiRootSchema, geo=False),
        tags=["api"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Item:
        absolute = request.build_absolute_uri
        return Item(
            name="api",
            row={"naam": "Regioatlas API", "versie": settings.API_VERSION},
            id_field="naam",
            links={
                "self": absolute(reverse("api-root")),
                "openapi": absolute(reverse("api:openapi")),
                "documentatie": absolute(reverse("api:docs")),
                "ogcApi": absolute(reverse("ogc-landing")),
            },
        )
