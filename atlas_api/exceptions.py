"""Every error of the API as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, UnreadablePostError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .params import InvalidParams
from .problems import PROBLEM_CONTENT_TYPE, problem, problem_response

logger = logging.getLogger(__name__)

TITLES = {
    400: _("Ongeldige invoer"),
    401: _("Niet geauthenticeerd"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Formaat niet beschikbaar"),
    409: _("Conflict"),
    412: _("Voorwaarde niet vervuld"),
    413: _("Verzoek te groot"),
    415: _("Mediatype niet ondersteund"),
    422: _("Niet verwerkbaar"),
    428: _("Voorwaarde vereist"),
    429: _("Te veel verzoeken"),
    500: _("Interne fout"),
}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("De bron is intussen gewijzigd (If-Match komt niet overeen).")
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Het verzoek botst met de huidige toestand van de bron.")
    default_code = "conflict"


class NotAcceptableCrs(exceptions.NotAcceptable):
    default_detail = _("Dit coördinatenstelsel wordt niet ondersteund.")


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("Het verzoek is te groot.")
    default_code = "payload_too_large"


class Unprocessable(exceptions.ValidationError):
    """The request matches the document, but breaks a rule of the domain (a member that did
    not exist then, an unknown theme, a legal form of another family): 422, with the fields
    named in ``invalidParams``. A request that does not match the document is a 400."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


class ParameterProblem(exceptions.APIException):
    """InvalidParams as an API exception: 400 (bad input), 404 (a path naming nothing) or
    406 (a representation the API does not have)."""

    def __init__(self, error: InvalidParams):
        self.status_code = error.status
        self.params = error.params
        super().__init__("; ".join(f"{p['name']}: {p['reason']}" for p in error.params))


def _flatten(detail, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested validation errors as a flat list of {name, reason}."""
    if isinstance(detail, dict):
        items: list[dict[str, str]] = []
        for key, value in detail.items():
            items += _flatten(value, _name(prefix, key))
        return items
    if isinstance(detail, list):
        if all(not isinstance(v, dict | list) for v in detail):
            return [{"name": prefix or "body", "reason": " ".join(str(v) for v in detail)}]
        items = []
        for index, value in enumerate(detail):
            items += _flatten(value, f"{prefix}[{index}]")
        return items
    return [{"name": prefix or "body", "reason": str(detail)}]


def _name(prefix: str, key) -> str:
    """``leden`` + 0 -> ``leden[0]``; errors of the object itself keep its name."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    if key == api_settings.NON_FIELD_ERRORS_KEY:
        return prefix or "body"
    return f"{prefix}.{key}" if prefix else str(key)


def _convert(exc: Exception) -> Exception:
    if isinstance(exc, InvalidParams):
        if exc.status == 400:
            return exceptions.ValidationError({p["name"]: [p["reason"]] for p in exc.params})
        return ParameterProblem(exc)
    if isinstance(exc, ValidationError):  # a rule of the domain
        return Unprocessable(
            exc.message_dict if hasattr(exc, "error_dict") else {"body": exc.messages}
        )
    return _convert_django(exc)


def _convert_django(exc: Exception) -> Exception:
    """Django's own exceptions that can reach a client (bodies, hosts, permissions)."""
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge(
            _("Het verzoek is groter dan de API aanneemt (hoogstens %(n)s).")
            % {"n": _megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        )
    if isinstance(exc, SuspiciousOperation | UnreadablePostError):
        return exceptions.ParseError(str(exc) or None)
    return exc


def _megabytes(size: int | None) -> str:
    return f"{(size or 0) / 1024 / 1024:.1f} MB"


def problem_exception_handler(exc: Exception, context) -> Response | None:
    """DRF exception handler: the status, a title, a detail and, for 400, the invalid params."""
    exc = _convert(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("unhandled API error", exc_info=exc)
        body = problem(500, TITLES[500], _("Er ging iets mis aan onze kant."))
        return Response(body, status=500, content_type=PROBLEM_CONTENT_TYPE)
    code = response.status_code
    title = TITLES.get(code, response.status_text)
    if isinstance(exc, exceptions.ValidationError):
        invalid = _flatten(exc.detail)
        detail = _("Een of meer parameters zijn ongeldig: %(names)s.") % {
            "names": ", ".join(p["name"] for p in invalid)
        }
        body = problem(code, title, detail, invalid_params=invalid)
    elif isinstance(exc, ParameterProblem):
        body = problem(code, title, str(exc.detail), invalid_params=exc.params)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = problem(code, title, str(detail))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def api_not_found(request, exception=None):
    return problem_response(404, TITLES[404], _("Deze URL bestaat niet in de API."))


def api_server_error(request):
    return problem_response(500, TITLES[500], _("Er ging iets mis aan onze kant."))
