"""Responses of the OGC API: the format (``f`` wins over Accept), JSON bodies, HTML pages,
problem details, and conditional, cached reads (the weak ETags of atlas_api.conditional, so
its middleware answers 304 here too; the built body is kept in the cache under the ETag)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ..conditional import current_version, none_match, not_modified, opaque, read_etag, validate
from ..params import InvalidParams, Param, parse
from ..problems import problem_response

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA = "application/schema+json"
MVT = "application/vnd.mapbox-vector-tile"
CACHE_TIMEOUT = 24 * 60 * 60  # keys carry the data version: a body never goes stale
_ACCEPTED = {"text/html": "html", "application/json": "json", "application/geo+json": "json"}


def accepted_format(request: HttpRequest) -> str:
    """``html`` when the Accept header prefers text/html over JSON (browsers), else ``json``."""
    best, best_q = "json", -1.0
    for part in request.headers.get("Accept", "").split(","):
        media, _sep, rest = part.strip().partition(";")
        quality = 1.0
        for option in rest.split(";"):
            key, _eq, value = option.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        fmt = _ACCEPTED.get(media.strip().lower())
        if fmt and quality > best_q:
            best, best_q = fmt, quality
    return best


def parsed(request: HttpRequest, params: Sequence[Param], path: Mapping[str, Any]) -> dict:
    """The parsed parameters, with ``format`` resolved (``f`` first, then Accept)."""
    values = parse(request, params, path)
    values.setdefault("format", accepted_format(request))
    return values


def invalid(exc: InvalidParams) -> HttpResponse:
    titles = {404: _("Niet gevonden"), 406: _("Niet acceptabel")}
    title = titles.get(exc.status, _("Ongeldige parameter(s)"))
    return problem_response(exc.status, title, str(exc), invalid_params=exc.params)


def not_found(detail: str) -> HttpResponse:
    return problem_response(404, _("Niet gevonden"), detail)


def json_response(
    body: Mapping[str, Any] | str, content_type: str = JSON, **headers: str
) -> HttpResponse:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
    response = HttpResponse(text.encode(), content_type=content_type)
    for key, value in headers.items():
        response[key.replace("_", "-")] = value
    return response


def html_response(request: HttpRequest, template: str, context: Mapping[str, Any]) -> HttpResponse:
    body = render_to_string(template, dict(context), request=request)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


def _cache():
    return caches["default"]


def conditional(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """A read under the API's validators: 304 when the client's copy is current, else the body
    from the cache (built by ``build`` and kept when it is a 200). HTML pages are not cached
    (they carry a CSP nonce and the language)."""
    version, changed_at = current_version()
    etag = read_etag(request, version)
    if none_match(request, etag):
        return not_modified(etag, changed_at)
    key = f"ogc:{request.get_host()}:{opaque(etag)}"
    hit = _cache().get(key)
    if hit is not None:
        content_type, headers, body = hit
        response = HttpResponse(body, content_type=content_type)
        for name, value in headers.items():
            response[name] = value
    else:
        response = build()
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and not content_type.startswith(HTML):
            kept = {name: response[name] for name in ("Content-Crs", "Link") if name in response}
            _cache().set(key, (content_type, kept, response.content), CACHE_TIMEOUT)
    if response.status_code != 200:
        return response
    return validate(response, etag, changed_at)
