"""Request bodies above the limit get 413, before anything reads them.

The limit is ``DATA_UPLOAD_MAX_MEMORY_SIZE`` for forms and JSON, and
``REGIOATLAS_UPLOAD_MAX_BYTES`` for multipart uploads (the import files; their own limit,
``REGIOATLAS_IMPORT_MAX_BYTES``, is checked by the import with a clearer message). Under
/api/ the answer is problem details, elsewhere a page. Django raises RequestDataTooBig when a
body without a Content-Length turns out too big; :func:`regioatlas.views.bad_request` and the
API's exception handler answer that with the same 413."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from atlas_api.problems import problem_response


def body_limit(request: HttpRequest) -> int | None:
    if request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        return settings.REGIOATLAS_UPLOAD_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large(request: HttpRequest, limit: int | None = None) -> HttpResponse:
    """The 413 answer: problem details under /api/, a page elsewhere."""
    limit = limit if limit is not None else body_limit(request)
    size = f"{(limit or 0) / 1024 / 1024:.1f} MB"
    if request.path.startswith(settings.API_PATH_PREFIX):
        return problem_response(
            413,
            _("Verzoek te groot"),
            _("Het verzoek is groter dan de API aanneemt (hoogstens %(size)s).") % {"size": size},
        )
    return render(request, "413.html", {"limit": size}, status=413)


class RequestSizeLimitMiddleware:
    """413 as soon as Content-Length says the body is too big."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            return too_large(request, limit)
        return self.get_response(request)
