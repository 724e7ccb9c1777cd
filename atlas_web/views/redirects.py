"""Where a page may send the browser after a form: only to this site. Every view that reads a
``next`` goes through :func:`next_url` (Django's own login, logout, language and admin views
check it themselves with the same function)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest, default: str) -> str:
    """``next`` from the form (or the query), when it points into this site; else ``default``.
    Other hosts, other schemes (``javascript:``), scheme-relative (``//evil.example``) and
    backslash tricks are refused by ``url_has_allowed_host_and_scheme``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
