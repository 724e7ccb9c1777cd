"""Saved maps ("Mijn kaarten"): ``/kaarten`` (the owner's maps), ``/kaarten/{id}``,
``/kaarten/{id}/deellink`` (share, stop sharing) and ``/gedeelde-kaarten/{sleutel}`` (a shared
map, for anyone with the link)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations import permissions
from collaborations.maps.choices import MAX_NAME_LENGTH, MAX_STATE_LENGTH
from collaborations.maps.selectors import saved_map_get, saved_map_shared, saved_maps_of
from collaborations.maps.services import (
    saved_map_create,
    saved_map_delete,
    saved_map_share,
    saved_map_unshare,
    saved_map_update,
)

from ..docs_registration import FORBIDDEN, NOT_FOUND, described
from ..fields import text
from ..params import PATH, Param, path_id
from .registration.base import WriteView
from .registration.io import validation_error

if TYPE_CHECKING:
    from collaborations.maps.models import SavedMap

TAGS = ["kaarten"]
MAP_ID = path_id("Het id van de opgeslagen kaart.")
SHARE_KEY = Param(
    "sleutel",
    {"type": "string", "pattern": "^[A-Za-z0-9_-]{20,64}$"},
    "De sleutel uit de deellink.",
    location=PATH,
    error_status=404,
)
NAMES = {"name": "naam", "state": "toestand"}


class MapInSerializer(serializers.Serializer):
    naam = text(max_length=MAX_NAME_LENGTH, help_text="De naam van de kaart.")
    toestand = text(
        blank=True,
        max_length=MAX_STATE_LENGTH,
        help_text="De querystring van de permalink van de atlas, bijv. `lagen=gebieden&thema=jeugd`.",
    )


class MapChangeSerializer(MapInSerializer):
    naam = text(required=False, max_length=MAX_NAME_LENGTH)
    toestand = text(required=False, blank=True, max_length=MAX_STATE_LENGTH)


class MapSchema(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    toestand = serializers.CharField()
    kaartUrl = serializers.CharField(help_text="De atlas in deze toestand.")  # noqa: N815
    gedeeld = serializers.BooleanField()
    deellink = serializers.CharField(allow_null=True, help_text="Voor iedereen met de link.")
    aangemaaktOp = serializers.DateTimeField()  # noqa: N815
    gewijzigdOp = serializers.DateTimeField()  # noqa: N815


class MapListSchema(serializers.Serializer):
    kaarten = MapSchema(many=True)


class SharedMapSchema(serializers.Serializer):
    naam = serializers.CharField()
    toestand = serializers.CharField()
    kaartUrl = serializers.CharField()  # noqa: N815


def atlas_url(request: Request, state: str) -> str:
    return request.build_absolute_uri("/" + (f"?{state}" if state else ""))


def map_out(request: Request, saved: SavedMap) -> dict[str, Any]:
    link = None
    if saved.share_key:
        link = request.build_absolute_uri(reverse("atlas:gedeelde-kaart", args=[saved.share_key]))
    return {
        "id": saved.pk,
        "naam": saved.name,
        "toestand": saved.state,
        "kaartUrl": atlas_url(request, saved.state),
        "gedeeld": bool(saved.share_key),
        "deellink": link,
        "aangemaaktOp": saved.created_at,
        "gewijzigdOp": saved.updated_at,
    }


def owned(request: Request, pk: int) -> SavedMap:
    """The request's user's map ``pk``; 404 for a map of someone else (no hint it exists)."""
    saved = saved_map_get(pk=pk)
    if saved is None or not permissions.can_manage_saved_map(request.user, saved):
        raise Http404
    return saved


class MapsView(WriteView):
    parameters = {}

    def check_permissions(self, request):
        super().check_permissions(request)
        if not permissions.can_save_maps(request.user):
            raise PermissionDenied

    def domain(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except ValidationError as exc:
            raise validation_error(exc, NAMES) from exc


class MapListView(MapsView):
    @extend_schema(
        operation_id="kaartenVanMij",
        summary="Mijn kaarten",
        description="De opgeslagen kaarten van de gebruiker, op naam.",
        responses={200: MapListSchema, **FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        maps = [map_out(request, m) for m in saved_maps_of(owner=request.user)]
        return Response({"kaarten": maps}, headers={"Cache-Control": "private, no-cache"})

    @extend_schema(
        operation_id="kaartOpslaan",
        summary="De kaart opslaan",
        description=(
            "Bewaart de toestand van de atlas (de querystring van de permalink) onder een "
            "naam. Een naam die u al gebruikt geeft 422."
        ),
        request=MapInSerializer,
        responses={201: MapSchema, 422: described("Ongeldige naam of toestand."), **FORBIDDEN},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = self.parsed(MapInSerializer, request)
        saved = self.domain(
            saved_map_create, owner=request.user, name=data["naam"], state=data["toestand"]
        )
        headers = {"Location": f"/api/v1/kaarten/{saved.pk}"}
        return Response(map_out(request, saved), 201, headers=headers)


class MapDetailView(MapsView):
    parameters = (MAP_ID,)

    @extend_schema(
        operation_id="kaartOphalen",
        summary="Eén opgeslagen kaart",
        responses={200: MapSchema, **FORBIDDEN, **NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(map_out(request, owned(request, id)))

    @extend_schema(
        operation_id="kaartWijzigen",
        summary="Naam of toestand van een kaart wijzigen",
        request=MapChangeSerializer,
        responses={
            200: MapSchema,
            422: described("Ongeldige naam of toestand."),
            **FORBIDDEN,
            **NOT_FOUND,
        },
        tags=TAGS,
    )
    def patch(self, request: Request, id: int) -> Response:
        saved = owned(request, id)
        data = self.parsed(MapChangeSerializer, request)
        saved = self.domain(
            saved_map_update, saved=saved, name=data.get("naam"), state=data.get("toestand")
        )
        return Response(map_out(request, saved))

    @extend_schema(
        operation_id="kaartVerwijderen",
        summary="Een kaart verwijderen",
        responses={204: None, **FORBIDDEN, **NOT_FOUND},
        tags=TAGS,
    )
    def delete(self, request: Request, id: int) -> Response:
        saved_map_delete(saved=owned(request, id))
        return Response(status=204)


class MapShareView(MapsView):
    parameters = (MAP_ID,)

    @extend_schema(
        operation_id="kaartDelen",
        summary="Een deellink maken",
        description="Iedereen met de link kan de kaart openen (niet wijzigen).",
        request=None,
        responses={200: MapSchema, **FORBIDDEN, **NOT_FOUND},
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        return Response(map_out(request, saved_map_share(saved=owned(request, id))))

    @extend_schema(
        operation_id="kaartNietMeerDelen",
        summary="De deellink intrekken",
        responses={200: MapSchema, **FORBIDDEN, **NOT_FOUND},
        tags=TAGS,
    )
    def delete(self, request: Request, id: int) -> Response:
        return Response(map_out(request, saved_map_unshare(saved=owned(request, id))))


class SharedMapView(WriteView):
    permission_classes = [AllowAny]
    parameters = (SHARE_KEY,)

    @extend_schema(
        operation_id="gedeeldeKaartOphalen",
        summary="Een gedeelde kaart",
        description="Naam en toestand van een kaart die de eigenaar deelt.",
        responses={200: SharedMapSchema, **NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, sleutel: str) -> Response:
        saved = saved_map_shared(share_key=sleutel)
        if saved is None:
            raise Http404
        body = {
            "naam": saved.name,
            "toestand": saved.state,
            "kaartUrl": atlas_url(request, saved.state),
        }
        return Response(body, headers={"Cache-Control": "no-cache"})
