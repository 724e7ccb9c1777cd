"""Login lockout (django-axes) and rate limits (django-ratelimit) as pages: the lockout page
says until when, and moderators lift lockouts at /registratie/vergrendelingen."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collaborations import permissions
from collaborations.accounts.selectors import lockout_until, lockouts_current
from collaborations.accounts.services.lockouts import lockout_release
from regioatlas.clientip import client_ip

USERNAME_FIELD = "username"


def _minutes(until) -> int:
    return max(1, -(-int((until - timezone.now()).total_seconds()) // 60))


def lockout_response(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The page for a refused login (AXES_LOCKOUT_CALLABLE): 429, saying until when logins
    of this account and from this address are blocked, with Retry-After."""
    username = (credentials or {}).get(USERNAME_FIELD) or request.POST.get(USERNAME_FIELD)
    until = lockout_until(username=username, ip_address=client_ip(request))
    until = until or timezone.now() + settings.AXES_COOLOFF_TIME
    context = {
        "title": _("Inloggen tijdelijk geblokkeerd"),
        "until": timezone.localtime(until),
        "minutes": _minutes(until),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "login_url": request.path,
    }
    page = render(request, "account/locked.html", context, status=429)
    page["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
    return page


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page for too many password reset mails or new tokens (RATELIMIT_VIEW): 429."""
    context = {"title": _("Te veel verzoeken")}
    return render(request, "account/rate_limited.html", context, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def lockouts_page(request: HttpRequest) -> HttpResponse:
    """Current lockouts; a moderator lifts one (POST soort=account|adres, waarde=...)."""
    if not permissions.can_unlock_logins(request.user):
        raise PermissionDenied
    if request.method == "POST":
        kind, value = request.POST.get("soort", ""), request.POST.get("waarde", "").strip()
        if kind in ("account", "adres") and value:
            lockout_release(kind=kind, value=value, by=request.user)
            messages.success(request, _("Blokkering opgeheven voor %(value)s.") % {"value": value})
        else:
            messages.error(request, _("Kies een account of adres om te ontgrendelen."))
        return redirect("registration:lockouts")
    context = {
        "title": _("Geblokkeerde inlogpogingen"),
        "lockouts": lockouts_current(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "account/lockouts.html", context)
