"""The arrangement form: register a new arrangement, change one (directly or as a suggestion),
and revise a submission after a moderator asked for changes. One page, three modes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from atlas_web.views.registration.form_state import FormState, error_summary, initial_from_state
from atlas_web.views.registration.forms import (
    ArrangementForm,
    MemberForm,
    PartnerForm,
    member_formset,
    partner_formset,
)
from collaborations import permissions
from collaborations.arrangements.selectors.detail import arrangement_get
from collaborations.registration.selectors.history import (
    open_submissions_for,
    revision_get,
    revisions_since,
    submission_get,
)
from collaborations.registration.selectors.states import arrangement_state
from collaborations.registration.services.submissions import (
    NeedsConfirmation,
    registration_submit,
    submission_revise,
)
from collaborations.registration.services.write import StaleVersion
from collaborations.registration.state import (
    FIELD_LABELS,
    SCALAR_FIELDS,
    empty_state,
    merge,
)

if TYPE_CHECKING:
    from collaborations.arrangements.models import Arrangement
    from collaborations.registration.models import Submission

NEW, EDIT, REVISE = "nieuw", "wijzigen", "aanpassen"
MORE_ROWS = 3


@dataclass
class Page:
    """What the form page is about."""

    mode: str
    arrangement: Arrangement | None = None
    submission: Submission | None = None
    direct: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _forms_from_state(
    state: dict[str, Any], *, version: int | None, reason: str = "", blank: int = 0
):
    fields, members, partners = initial_from_state(state)
    fields.update(version=version, reason=reason)
    form = ArrangementForm(initial=fields)
    member_set = member_formset(extra=blank)(initial=members, prefix="leden")
    partner_set = partner_formset(extra=1 if not partners else 0)(
        initial=partners, prefix="partners"
    )
    return form, member_set, partner_set


def _bound_forms(data):
    form = ArrangementForm(data)
    return form, member_formset()(data, prefix="leden"), partner_formset()(data, prefix="partners")


def _rows_from_post(data, prefix: str, names) -> list[dict[str, Any]]:
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS") or 0), 500)
    except ValueError:
        total = 0
    rows = [
        {n: data.get(f"{prefix}-{i}-{n}", "") for n in names}
        for i in range(total)
        if not data.get(f"{prefix}-{i}-DELETE")
    ]
    return rows


def _more_rows(data, more: str):
    """No-script "more rows": the same page, unbound, with what was typed and three more
    empty rows (no errors shown yet)."""
    fields = {name: data.get(name, "") for name in ArrangementForm.base_fields}
    fields["themes"] = data.getlist("themes")
    members = _rows_from_post(data, "leden", MemberForm.base_fields)
    partners = _rows_from_post(data, "partners", PartnerForm.base_fields)
    form = ArrangementForm(initial=fields)
    member_set = member_formset(extra=MORE_ROWS if more == "leden" else 0)(
        initial=members, prefix="leden"
    )
    partner_set = partner_formset(extra=MORE_ROWS if more == "partners" else 0)(
        initial=partners, prefix="partners"
    )
    return form, member_set, partner_set


def _config(request: HttpRequest) -> dict[str, Any]:
    tiles = settings.LEAFLET_CONFIG.get("TILES") or []
    return {
        "memberSearch": reverse("registration:member-search"),
        "organisationSearch": reverse("registration:organisation-search"),
        "preview": reverse("registration:footprint-preview"),
        "basemap": {"url": tiles[0][1], "options": tiles[0][2]} if tiles and tiles[0][1] else None,
        "center": list(settings.LEAFLET_CONFIG.get("DEFAULT_CENTER", (52.2, 5.3))),
        "zoom": settings.LEAFLET_CONFIG.get("DEFAULT_ZOOM", 7),
        "strings": {
            "noResults": _("Geen resultaten"),
            "results": _("%(n)s resultaten, kies met pijltjestoetsen"),
            "previewEmpty": _("Nog geen gemeenten gekozen: het gebied verschijnt hier."),
            "previewArea": _("Gebied van %(n)s gemeente(n)."),
            "previewMissing": _("Onbekend: %(codes)s."),
            "remove": _("Verwijderen"),
            "removed": _("Rij verwijderd"),
            "added": _("Rij toegevoegd"),
        },
    }


def _render(request, page: Page, form, members, partners, **context) -> HttpResponse:
    titles = {
        NEW: _("Nieuw samenwerkingsverband registreren"),
        EDIT: _("%(name)s wijzigen") % {"name": page.arrangement.name if page.arrangement else ""},
        REVISE: _("Inzending aanpassen"),
    }
    status = context.pop("status", 200)
    context.update(
        page=page,
        title=titles[page.mode],
        form=form,
        members=members,
        partners=partners,
        config=_config(request),
        errors=error_summary(
            form, {"leden": (_("Lid"), members), "partners": (_("Partner"), partners)}
        ),
    )
    return render(request, "registration/arrangement_form.html", context, status=status)


def _conflict_context(page: Page, proposed: dict, seen_version: int | None) -> dict[str, Any]:
    """Someone else saved first: their changes, and the user's changes applied onto them
    wherever that is possible (fields both changed keep the user's value, marked)."""
    arrangement = arrangement_get(pk=page.arrangement.pk, include_unpublished=True)
    current = arrangement_state(arrangement_id=arrangement.pk)
    base = revision_get(arrangement_id=arrangement.pk, version=seen_version or 0)
    merged, conflicts = (
        merge(base=base.state, proposed=proposed, current=current) if base else (proposed, [])
    )
    both = []
    for name in conflicts:
        if name in SCALAR_FIELDS:
            merged[name] = proposed.get(name)
            both.append(
                {
                    "label": FIELD_LABELS[name],
                    "theirs": current.get(name) or "—",
                    "yours": proposed.get(name) or "—",
                }
            )
        else:
            both.append({"label": name, "theirs": "", "yours": ""})
    return {
        "merged": merged,
        "version": arrangement.version,
        "conflict": {
            "others": revisions_since(arrangement_id=arrangement.pk, version=seen_version or 0),
            "both": both,
        },
    }


def _submit(request: HttpRequest, page: Page, state: FormState):
    data = state.form.cleaned_data
    common = {
        "by": request.user,
        "state": state.state,
        "reason": data["reason"],
        "confirm_warnings": data["confirm_warnings"],
    }
    if page.mode == REVISE:
        return submission_revise(submission=page.submission, **common)
    return registration_submit(
        arrangement=page.arrangement,
        expected_version=data.get("version"),
        as_suggestion=bool(request.POST.get("als_voorstel")),
        **common,
    )


def _success(request: HttpRequest, page: Page, outcome) -> HttpResponse:
    if page.mode == REVISE:  # a revised submission
        messages.success(request, _("Uw aanpassing is opnieuw ingediend voor beoordeling."))
        return redirect("registration:submission", pk=outcome.pk)
    if outcome.applied:
        messages.success(
            request,
            _("Opgeslagen: versie %(v)d van “%(name)s”.")
            % {"v": outcome.revision.version, "name": outcome.revision.state["name"]},
        )
        return redirect("registration:history", pk=outcome.arrangement_id)
    messages.success(
        request,
        _("Ingediend. Een moderator beoordeelt uw inzending; de status ziet u hieronder."),
    )
    return redirect("registration:submission", pk=outcome.submission.pk)


def _post(request: HttpRequest, page: Page) -> HttpResponse:
    more = request.POST.get("meer", "")
    if more in ("leden", "partners"):
        return _render(request, page, *_more_rows(request.POST, more))
    form, members, partners = _bound_forms(request.POST)
    state = FormState(form, members, partners)
    if not state.is_valid():
        return _render(request, page, form, members, partners, status=400)
    try:
        outcome = _submit(request, page, state)
    except ValidationError as exc:
        state.apply_errors(
            exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        )
        return _render(request, page, form, members, partners, status=400)
    except NeedsConfirmation as exc:
        return _render(
            request,
            page,
            form,
            members,
            partners,
            warnings=[w.message for w in exc.warnings],
            status=400,
        )
    except StaleVersion:
        conflict = _conflict_context(page, state.state, form.cleaned_data.get("version"))
        form, members, partners = _forms_from_state(
            conflict["merged"], version=conflict["version"], reason=form.cleaned_data["reason"]
        )
        return _render(
            request, page, form, members, partners, conflict=conflict["conflict"], status=409
        )
    return _success(request, page, outcome)


def _page(
    request: HttpRequest, page: Page, state: dict[str, Any], version: int | None
) -> HttpResponse:
    if request.method == "POST":
        return _post(request, page)
    blank = MORE_ROWS if page.mode == NEW else 1
    form, members, partners = _forms_from_state(state, version=version, blank=blank)
    return _render(request, page, form, members, partners)


@login_required
def arrangement_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create(request.user):
        raise PermissionDenied
    page = Page(NEW, direct=permissions.can_publish_new(request.user))
    return _page(request, page, empty_state(), None)


@login_required
def arrangement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = arrangement_get(pk=pk, include_unpublished=True)
    if arrangement is None:
        raise Http404
    if not permissions.can_suggest(request.user, arrangement):
        raise PermissionDenied
    page = Page(
        EDIT,
        arrangement=arrangement,
        direct=permissions.can_edit_arrangement(request.user, arrangement),
        extra={"open_submissions": open_submissions_for(arrangement_id=pk)},
    )
    return _page(request, page, arrangement_state(arrangement_id=pk), arrangement.version)


@login_required
def submission_revise_page(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(pk=pk)
    if submission is None:
        raise Http404
    if not permissions.can_revise_submission(request.user, submission):
        raise PermissionDenied
    page = Page(REVISE, arrangement=submission.arrangement, submission=submission)
    return _page(request, page, submission.proposed, submission.base_version)
