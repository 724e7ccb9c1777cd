"""Accounts: login and password pages (Django's views with our templates), and the API token
page where a user creates or revokes their token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from collaborations import permissions
from collaborations.registration.services.accounts import api_token_create, api_token_revoke


class LoginView(auth_views.LoginView):
    template_name = "account/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "account/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "account/password_reset_form.html"
    email_template_name = "account/password_reset_email.txt"
    subject_template_name = "account/password_reset_subject.txt"
    success_url = reverse_lazy("registration:password_reset_done")


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


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """Create (or renew) and revoke the user's API token. A new key is shown once."""
    new_key = None
    if request.method == "POST":
        if request.POST.get("actie") == "intrekken":
            if api_token_revoke(user=request.user):
                messages.success(request, _("Uw API-token is ingetrokken; het werkt niet meer."))
            return redirect("registration:api-token")
        new_key = api_token_create(user=request.user).key
    token = Token.objects.filter(user=request.user).values("key", "created").first()
    context = {
        "title": _("API-token"),
        "token": token,
        "new_key": new_key,
        "role": permissions.role_of(request.user),
    }
    return render(request, "account/api_token.html", context)
