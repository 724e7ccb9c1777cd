"""What every registration endpoint shares: JSON in and out, authentication required for
writes, and the domain's exceptions as problem details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations.registration.services.write import MergeConflict, StaleVersion

from ...exceptions import Conflict, PreconditionFailed
from ...params import HEADER, Param, path_id
from ...renderers import ApiJSONRenderer
from ..api import ApiView
from .io import validation_error

ARRANGEMENT_ID = path_id("Het id van het samenwerkingsverband.")
SUBMISSION_ID = path_id("Het id van de registratie.")
IMPORT_ID = path_id("Het id van de import.")
IF_MATCH = Param(
    "If-Match",
    {"type": "string", "example": '"sv-1-v1"'},
    "De ETag van de versie waarop de wijziging voortbouwt (uit `GET .../wijzigingen`). Komt "
    "die niet overeen met de huidige versie, dan volgt 412; zonder If-Match 428.",
    location=HEADER,
    required=True,
    error_status=428,
    missing="Stuur de header If-Match met de ETag van de versie die u wijzigt.",
)


class WriteView(ApiView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [ApiJSONRenderer]

    def handle_exception(self, exc: Exception) -> Response:
        return super().handle_exception(_translated(exc))

    def parsed(self, serializer_class, request: Request, **kwargs) -> dict[str, Any]:
        serializer = serializer_class(data=request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _translated(exc: Exception) -> Exception:
    if isinstance(exc, StaleVersion):
        versions = ", ".join(f"{pk}: nu versie {v}" for pk, v in exc.current.items())
        return PreconditionFailed(
            f"Het samenwerkingsverband is intussen gewijzigd ({versions}); haal de nieuwste "
            "versie op en probeer het opnieuw."
        )
    if isinstance(exc, MergeConflict):
        return Conflict(
            "Het samenwerkingsverband is na het indienen gewijzigd in dezelfde velden: "
            + ", ".join(exc.fields)
            + ". Vraag de indiener om een aanpassing."
        )
    if isinstance(exc, ValidationError):
        return validation_error(exc)
    return exc


__all__ = ["JSONRenderer", "WriteView"]
