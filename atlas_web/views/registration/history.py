"""The history of an arrangement (public), confirming it is still correct, and reverting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from atlas_web.views.redirects import next_url
from atlas_web.views.registration.forms import ReasonForm
from collaborations import permissions
from collaborations.arrangements.selectors.detail import arrangement_get
from collaborations.registration.selectors.history import arrangement_history, revision_get
from collaborations.registration.services.history import arrangement_confirm, arrangement_revert
from collaborations.registration.services.write import StaleVersion

if TYPE_CHECKING:
    from collaborations.arrangements.models import Arrangement


def profile_url(arrangement: Arrangement) -> str | None:
    """The arrangement's page in the atlas, when the atlas has one."""
    try:
        return reverse(
            "atlas:samenwerkingsverband", kwargs={"pk": arrangement.pk, "slug": arrangement.slug}
        )
    except NoReverseMatch:
        return None


def _arrangement(request: HttpRequest, pk: int) -> Arrangement:
    arrangement = arrangement_get(pk=pk, include_unpublished=True)
    if arrangement is None or not permissions.can_view(request.user, arrangement):
        raise Http404
    return arrangement


def history_page(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = _arrangement(request, pk)
    user = request.user
    context = {
        "title": _("Geschiedenis van %(name)s") % {"name": arrangement.name},
        "arrangement": arrangement,
        "history": arrangement_history(arrangement_id=pk),
        "profile_url": profile_url(arrangement),
        "can_edit": permissions.can_edit_arrangement(user, arrangement),
        "can_suggest": permissions.can_suggest(user, arrangement),
        "can_confirm": permissions.can_confirm(user, arrangement),
        "can_revert": permissions.can_revert(user, arrangement),
    }
    return render(request, "registration/history_page.html", context)


@require_POST
@login_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = _arrangement(request, pk)
    arrangement_confirm(arrangement=arrangement, by=request.user)
    messages.success(request, _("Bevestigd: de gegevens kloppen nog."))
    return redirect(next_url(request, reverse("registration:history", args=[pk])))


def _revert(request: HttpRequest, arrangement: Arrangement, revision, form: ReasonForm):
    """Revert with the form's reason; the new revision, or None (errors on the form)."""
    try:
        return arrangement_revert(
            arrangement=arrangement,
            revision=revision,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        form.add_error(
            None, _("Iemand heeft het intussen gewijzigd; bekijk de geschiedenis opnieuw.")
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
    return None


@login_required
def revert(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    arrangement = _arrangement(request, pk)
    if not permissions.can_revert(request.user, arrangement):
        raise PermissionDenied
    revision = revision_get(arrangement_id=pk, version=version)
    if revision is None:
        raise Http404
    form = ReasonForm(request.POST or None, initial={"version": arrangement.version})
    if request.method == "POST" and form.is_valid():
        new = _revert(request, arrangement, revision, form)
        if new is not None:
            messages.success(
                request,
                _("Teruggezet naar versie %(old)d (nieuwe versie %(new)d).")
                % {"old": version, "new": new.version},
            )
            return redirect("registration:history", pk=pk)
    context = {
        "title": _("Terugzetten naar versie %(v)d") % {"v": version},
        "arrangement": arrangement,
        "revision": revision,
        "form": form,
    }
    return render(request, "registration/revert.html", context, status=400 if form.errors else 200)
