"""The client's address, for the login lockout (django-axes) and the rate limits
(django-ratelimit): REMOTE_ADDR, or, behind ``REGIOATLAS_PROXY_COUNT`` reverse proxies, the
address that the outermost trusted proxy appended to X-Forwarded-For. Addresses further left
in that header are the client's own claims and are never trusted."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies = settings.REGIOATLAS_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - not a bind address
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
