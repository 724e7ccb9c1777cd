"""Accounts: login and password pages (Django's views with our templates; the login lockout
is django-axes', see lockout.py), and the API token page where a user makes, sees and revokes
their tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from atlas_web.views.registration.lockout import rate_limited
from collaborations import permissions
from collaborations.accounts.selectors import api_tokens_of
from collaborations.accounts.services.tokens import api_token_create, api_token_revoke


class LoginView(auth_views.LoginView):
    template_name = "account/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "account/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Sends a reset link; at most REGIOATLAS_RATE_PASSWORD_RESET per address and per e-mail
    address (a flood of mails to a victim, or a probe of many addresses, is refused)."""

    template_name = "account/password_reset_form.html"
    email_template_name = "account/password_reset_email.txt"
    subject_template_name = "account/password_reset_subject.txt"
    success_url = reverse_lazy("registration:password_reset_done")

    def post(self, request, *args, **kwargs):
        rate = settings.REGIOATLAS_RATE_PASSWORD_RESET
        for key in ("ip", "post:email"):
            if is_ratelimited(request, group="password-reset", key=key, rate=rate, increment=True):
                return rate_limited(request)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "account/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "account/password_reset_confirm.html"
    success_url = reverse_lazy("registration:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "account/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "account/password_change_form.html"
    success_url = reverse_lazy("registration:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "account/password_change_done.html"


def _create(request: HttpRequest) -> str | None:
    """A new token (its key, shown once), or None with a message why not."""
    rate = settings.REGIOATLAS_RATE_TOKEN_CREATE
    if is_ratelimited(request, group="api-token-create", key="user", rate=rate, increment=True):
        messages.error(request, _("U heeft te veel tokens aangemaakt; probeer het later opnieuw."))
        return None
    try:
        return api_token_create(user=request.user, name=request.POST.get("naam", "")).key
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None


def _revoke(request: HttpRequest) -> HttpResponse:
    token_id = request.POST.get("token", "")
    if token_id and not token_id.isdigit():
        return redirect("registration:api-token")
    count = api_token_revoke(user=request.user, token_id=int(token_id) if token_id else None)
    if count:
        messages.success(request, _("Uw API-token is ingetrokken; het werkt niet meer."))
    return redirect("registration:api-token")


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """Make, list and revoke the user's API tokens. A new key is shown once; the database
    keeps only its digest."""
    new_key = None
    if request.method == "POST":
        if request.POST.get("actie") == "intrekken":
            return _revoke(request)
        new_key = _create(request)
    tokens = api_tokens_of(user=request.user)
    context = {
        "title": _("API-tokens"),
        "tokens": tokens,
        "active": [t for t in tokens if t["state"] == "werkt"],
        "new_key": new_key,
        "role": permissions.role_of(request.user),
        "days": settings.REGIOATLAS_API_TOKEN_DAYS,
    }
    return render(request, "account/api_token.html", context, status=200)
