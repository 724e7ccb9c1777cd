"""Conditional GET for the read API: one ETag recipe, checked as early as possible.

The ETag depends on the data version (bumped by every change to published data), the path,
the query string and the headers that change the representation (Accept, Accept-Crs,
Accept-Language). Anonymous requests with a matching If-None-Match are answered 304 by the
middleware before any view, authentication or throttling runs; requests with credentials go
through the view, which checks the same ETag."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponseNotModified
from django.utils.http import http_date, quote_etag

from collaborations.models import DataVersion
from collaborations.selectors.versioning import DEFAULT_KEY

CACHE_CONTROL = "public, max-age=60, must-revalidate"
UNCONDITIONAL_PREFIXES = ("/api/v1/openapi.json", "/api/v1/docs", "/api/v1/redoc")


def current_version() -> tuple[str, object]:
    row = DataVersion.objects.filter(key=DEFAULT_KEY).values_list("version", "changed_at").first()
    return (str(row[0]), row[1]) if row else ("0", None)


def etag_for(request: HttpRequest, version: str) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    key = "|".join(
        [
            version,
            request.path,
            query,
            request.META.get("HTTP_ACCEPT", ""),
            request.META.get("HTTP_ACCEPT_CRS", ""),
            request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:20],
        ]
    )
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def matches(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return bool(header) and etag in [t.strip() for t in header.split(",")]


def not_modified(etag: str, changed_at) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    return response


class ConditionalGetMiddleware:
    """304 for anonymous GETs of the read API whose If-None-Match is current."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "API_PATH_PREFIX", "/api/")

    def __call__(self, request: HttpRequest):
        if (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefix)
            and "HTTP_IF_NONE_MATCH" in request.META
            and "HTTP_AUTHORIZATION" not in request.META
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(UNCONDITIONAL_PREFIXES)
        ):
            version, changed_at = current_version()
            etag = etag_for(request, version)
            if matches(request, etag):
                return not_modified(etag, changed_at)
        return self.get_response(request)
