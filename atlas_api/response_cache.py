"""Responses compressed once per ETag and reused (issue 15 part 2).

An anonymous GET of the read API has a weak ETag that names the data version and the request
(:func:`atlas_api.conditional.read_etag`). While the data version holds, the same request gets
the same representation, so the compressed body is kept in the cache under (ETag, language,
encoding) and served from there: no view, no queries but the data version, no second
compression. A new data version gives new ETags, so nothing stale is ever served; old entries
expire.

Encodings: brotli when the client accepts ``br``, else gzip, else identity. The middleware sits
outside Django's GZipMiddleware and compresses itself: it hides Accept-Encoding from the inner
middleware for the requests it may cache. Only 200 responses whose ETag is the read ETag of the
request, without Set-Cookie and not private, are kept. Requests with credentials are never
served from or stored in the cache (permissions and throttling of accounts apply as before);
304s are answered earlier by :class:`atlas_api.conditional.ConditionalGetMiddleware`."""

from __future__ import annotations

import gzip
import hashlib

import brotli
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

from .conditional import UNCONDITIONAL_PREFIXES, anonymous, current_version, read_etag

#: How long a compressed response is kept (a new data version makes it unreachable anyway).
TIMEOUT = 3600
#: Smaller bodies are stored uncompressed (as GZipMiddleware does).
MIN_LENGTH = 200
#: Bigger bodies are not kept (the cache is for the common reads, not exports).
MAX_LENGTH = 8 * 1024 * 1024
SKIPPED_HEADERS = {"content-length", "content-encoding", "set-cookie", "date"}
#: Views that keep their own compressed bodies (the vector tiles: atlas_api/tiles/views.py,
#: under the tile's own ETag): looking them up here as well would be a miss every time.
SELF_CACHED_PREFIXES = ("/api/v1/tegels/",)
_BR = _lazy_re_compile(r"\bbr\b")
_GZIP = _lazy_re_compile(r"\bgzip\b")


def encoding_for(accept_encoding: str) -> str:
    if _BR.search(accept_encoding):
        return "br"
    if _GZIP.search(accept_encoding):
        return "gzip"
    return "identity"


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=5)
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=6, mtime=0)
    return body


def cache_key(request: HttpRequest, etag: str, encoding: str) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    accept_language = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    # links in bodies are absolute: the host and scheme are part of the representation
    origin = f"{request.scheme}://{request.get_host()}"
    parts = f"{etag}|{origin}|{language}|{accept_language}|{encoding}"
    return "response:" + hashlib.sha256(parts.encode()).hexdigest()


def _cacheable(response: HttpResponse, etag: str) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("ETag") == etag
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and not response.has_header("Content-Encoding")
        and len(response.content) <= MAX_LENGTH
    )


def _served(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["body"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    if entry["encoding"] != "identity":
        response["Content-Encoding"] = entry["encoding"]
    response["Content-Length"] = str(len(entry["body"]))
    response["X-Regioatlas-Cache"] = "hit"
    return response


def _compressed(response: HttpResponse, encoding: str) -> HttpResponse:
    """A response that is not kept, still compressed as the client accepts (GZipMiddleware
    did not see its Accept-Encoding)."""
    if (
        encoding == "identity"
        or response.streaming
        or response.has_header("Content-Encoding")
        or len(response.content) < MIN_LENGTH
    ):
        return response
    response.content = compress(response.content, encoding)
    response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class CompressedResponseCacheMiddleware:
    """Serve anonymous API reads from the cache of compressed responses (see the module).
    Place it after CorsMiddleware (CORS headers follow the request's Origin) and before
    GZipMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "API_PATH_PREFIX", "/api/")

    def _applies(self, request: HttpRequest) -> bool:
        return (
            getattr(settings, "REGIOATLAS_RESPONSE_CACHE", True)
            and request.method == "GET"
            and request.path.startswith(self.prefix)
            and not request.path.startswith(UNCONDITIONAL_PREFIXES)
            and not request.path.startswith(SELF_CACHED_PREFIXES)
            and anonymous(request)
        )

    def __call__(self, request: HttpRequest):
        if not self._applies(request):
            return self.get_response(request)
        version, _changed_at = current_version()
        etag = read_etag(request, version)
        encoding = encoding_for(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        key = cache_key(request, etag, encoding)
        entry = cache.get(key)
        if entry is not None:
            return _served(entry)
        accepted = request.META.pop("HTTP_ACCEPT_ENCODING", None)  # we compress, not GZip
        try:
            response = self.get_response(request)
        finally:
            if accepted is not None:
                request.META["HTTP_ACCEPT_ENCODING"] = accepted
        if not _cacheable(response, etag):
            return _compressed(response, encoding)
        raw = response.content
        body = compress(raw, encoding) if len(raw) >= MIN_LENGTH else raw
        used = encoding if body is not raw else "identity"
        patch_vary_headers(response, ("Accept-Encoding",))
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
        ]
        entry = {"body": body, "headers": headers, "encoding": used}
        cache.set(key, entry, timeout=TIMEOUT)
        served = _served(entry)
        served["X-Regioatlas-Cache"] = "miss"
        return served
