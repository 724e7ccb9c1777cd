"""Conditional requests for the whole API, in one place (RFC 9110 section 13).

Reads: the ETag of a read is *weak* (``W/"…"``): it names the data version and the request
(path, normalised query and the headers that change the representation), not the bytes, so the
same validator serves the identity, gzip and brotli encodings of a response. ``If-None-Match``
uses the weak comparison of RFC 9110 section 13.1.2, so a validator comes back as the client
received it, compressed or not. Anonymous requests with a current validator are answered 304 by
the middleware before any view, authentication or throttling runs; requests with credentials
go through the view, which checks the same ETag. A 304 carries the validators, Cache-Control and
Vary that the 200 would carry.

Writes: the ETag of an arrangement's history is its version (``"sv-<id>-v<n>"``). A
compressing proxy or middleware may weaken it to ``W/"sv-…"``; since the tag names a version and
not the bytes, ``If-Match`` compares the opaque tags, so the validator works exactly as the
client received it (see :func:`if_match_tags`)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags

from collaborations.core.selectors import data_version_state

CACHE_CONTROL = "public, max-age=60, must-revalidate"
NO_CACHE = "no-cache"
UNCONDITIONAL_PREFIXES = ("/api/v1/openapi.json", "/api/v1/docs", "/api/v1/redoc")
#: The request headers a read's representation depends on: every read response (200 and 304)
#: names them in Vary.
VARY = ("Accept", "Accept-Crs", "Accept-Encoding", "Accept-Language", "Origin")


def current_version() -> tuple[str, object]:
    return data_version_state()


def weak(tag: str) -> str:
    """``tag`` (an opaque value without quotes) as a weak entity tag."""
    return f'W/"{tag}"'


def opaque(etag: str) -> str:
    """The opaque tag of an entity tag: without ``W/`` and the quotes."""
    return etag.removeprefix("W/").strip('"')


def read_etag(request: HttpRequest, version: str) -> str:
    """The weak ETag of a read: data version, path, normalised query, representation headers."""
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
    return weak(hashlib.sha256(key.encode()).hexdigest()[:32])


def none_match(request: HttpRequest, etag: str) -> bool:
    """True when ``If-None-Match`` names ``etag`` (weak comparison) or is ``*``: the client's
    copy is current and a GET/HEAD gets 304."""
    wanted = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return "*" in wanted or opaque(etag) in {opaque(tag) for tag in wanted}


def if_match_tags(header: str | None) -> list[str] | None:
    """The opaque tags an ``If-Match`` header names, as the client received them (weak or
    strong); ``["*"]`` for any; ``[]`` when it names nothing parseable; None when absent."""
    if header is None:
        return None
    return [tag if tag == "*" else opaque(tag) for tag in parse_etags(header)]


def validate(
    response: HttpResponse,
    etag: str,
    changed_at: Any = None,
    *,
    cache_control: str = CACHE_CONTROL,
    vary: tuple[str, ...] = VARY,
) -> HttpResponse:
    """Put the validators and caching headers of a read on ``response`` (200 or 304)."""
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    patch_vary_headers(response, vary)
    return response


def not_modified(etag: str, changed_at: Any = None, **headers: Any) -> HttpResponseNotModified:
    """The 304 of a read, with the validators and Vary of its 200 (see :func:`validate`)."""
    return validate(HttpResponseNotModified(), etag, changed_at, **headers)


def anonymous(request: HttpRequest) -> bool:
    return (
        "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


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
            and anonymous(request)
            and not request.path.startswith(UNCONDITIONAL_PREFIXES)
        ):
            version, changed_at = current_version()
            etag = read_etag(request, version)
            if none_match(request, etag):
                return not_modified(etag, changed_at)
        return self.get_response(request)
