"""503 Service Unavailable while the database cannot be reached (a PostgreSQL restart or
crash): a problem with Retry-After instead of a 500, so clients know to try again
(docs/operations.md). Every other error goes to :func:`.exceptions.problem_exception_handler`."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from rest_framework.response import Response

from regioatlas.resilience import database_unavailable

from .exceptions import problem_exception_handler
from .problems import PROBLEM_CONTENT_TYPE, problem, problem_response

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
TITLE = _("Tijdelijk niet beschikbaar")
DETAIL = _("De database is even niet bereikbaar. Probeer het over enkele seconden opnieuw.")


def exception_handler(exc: Exception, context) -> Response | None:
    """DRF's EXCEPTION_HANDLER (settings.REST_FRAMEWORK)."""
    if not database_unavailable(exc):
        return problem_exception_handler(exc, context)
    logger.error("database unavailable: %s: %s", type(exc).__name__, exc)
    return Response(
        problem(503, TITLE, DETAIL),
        status=503,
        content_type=PROBLEM_CONTENT_TYPE,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def unavailable_response():
    """The same problem for views outside DRF (regioatlas.views.server_error)."""
    return problem_response(503, TITLE, DETAIL, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
