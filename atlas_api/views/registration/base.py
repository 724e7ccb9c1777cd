"""What every registration endpoint shares: JSON in and out, authentication required for
writes, and the domain's exceptions as problem details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collaborations.registration.services.write import MergeConflict, StaleVersion

from ...exceptions import Conflict, PreconditionFailed
from ...renderers import ApiJSONRenderer
from .io import validation_error


class WriteView(APIView):
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
