"""Saved maps ("Mijn kaarten"): the owner's list with rename, share and delete (forms that work
without JavaScript), opening a map, and the share link for anyone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from collaborations import permissions
from collaborations.maps.choices import MAX_NAME_LENGTH, MAX_STATE_LENGTH
from collaborations.maps.selectors import saved_map_get, saved_map_shared, saved_maps_of
from collaborations.maps.services import (
    saved_map_create,
    saved_map_delete,
    saved_map_share,
    saved_map_unshare,
    saved_map_update,
)

if TYPE_CHECKING:
    from collaborations.maps.models import SavedMap


class SaveForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=MAX_NAME_LENGTH)
    state = forms.CharField(
        label=gettext_lazy("Toestand"),
        max_length=MAX_STATE_LENGTH,
        required=False,
        widget=forms.HiddenInput,
    )


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nieuwe naam"), max_length=MAX_NAME_LENGTH)


def atlas_path(state: str) -> str:
    """The atlas in ``state``: always this site's own map page (never an open redirect)."""
    return "/" + (f"?{state}" if state else "")


def _owned(request: HttpRequest, pk: int) -> SavedMap:
    saved = saved_map_get(pk=pk)
    if saved is None or not permissions.can_manage_saved_map(request.user, saved):
        raise Http404
    return saved


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


@login_required
def maps_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_save_maps(request.user):
        raise PermissionDenied
    status = 200
    form = SaveForm(initial={"state": request.GET.get("toestand", "")})
    if request.method == "POST":
        form = SaveForm(request.POST)
        if form.is_valid():
            try:
                saved = saved_map_create(
                    owner=request.user,
                    name=form.cleaned_data["name"],
                    state=form.cleaned_data["state"],
                )
            except ValidationError as exc:
                form.add_error("name", exc.message_dict.get("name") or exc.messages)
            else:
                messages.success(request, _("Kaart “%(name)s” opgeslagen.") % {"name": saved.name})
                return redirect("atlas:kaarten")
        status = 400
    context = {"maps": saved_maps_of(owner=request.user), "form": form, "rename": RenameForm()}
    return render(request, "atlas/maps.html", context, status=status)


@login_required
@require_POST
def map_rename(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Geef een naam van hoogstens %(n)d tekens.") % {"n": MAX_NAME_LENGTH}
        )
        return redirect("atlas:kaarten")
    try:
        saved_map_update(saved=saved, name=form.cleaned_data["name"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Naam gewijzigd."))
    return redirect("atlas:kaarten")


@login_required
@require_POST
def map_share(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    if request.POST.get("delen") == "nee":
        saved_map_unshare(saved=saved)
        messages.success(request, _("De deellink werkt niet meer."))
    else:
        saved_map_share(saved=saved)
        messages.success(request, _("De kaart is te openen met de deellink."))
    return redirect("atlas:kaarten")


@login_required
@require_POST
def map_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    saved_map_delete(saved=saved)
    messages.success(request, _("Kaart “%(name)s” verwijderd.") % {"name": saved.name})
    return redirect("atlas:kaarten")


@login_required
@require_safe
def map_open(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(atlas_path(_owned(request, pk).state))


@require_safe
def shared_map(request: HttpRequest, key: str) -> HttpResponse:
    saved = saved_map_shared(share_key=key)
    if saved is None:
        raise Http404
    return redirect(atlas_path(saved.state))
