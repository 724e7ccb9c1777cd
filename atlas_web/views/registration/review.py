"""The submitter's overview, one submission, and the moderators' review queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from atlas_web.views.registration.form_state import error_summary
from atlas_web.views.registration.forms import ReviewForm
from collaborations import permissions
from collaborations.registration.choices import OPEN_STATUSES, SubmissionStatus
from collaborations.registration.selectors.history import (
    arrangement_choices,
    review_queue,
    submission_get,
    submission_view,
    submissions_of,
)
from collaborations.registration.services.submissions import (
    submission_approve,
    submission_reject,
    submission_request_changes,
    submission_withdraw,
)
from collaborations.registration.services.write import MergeConflict, StaleVersion

if TYPE_CHECKING:
    from collaborations.registration.models import Submission


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Everything the user submitted, with its status; links to what they may do."""
    user = request.user
    search = request.GET.get("zoek", "").strip()[:100]
    if search.isdigit():
        return redirect("registration:history", pk=int(search))
    context = {
        "title": _("Registratie"),
        "submissions": submissions_of(user=user)[:200],
        "has_role": permissions.has_role(user),
        "can_review": permissions.can_review(user),
        "can_import": permissions.can_import(user),
        "can_unlock": permissions.can_unlock_logins(user),
        "pending": review_queue().count() if permissions.can_review(user) else 0,
        "search": search,
        "found": arrangement_choices(condition=Q(), text=search, limit=50) if search else None,
        "own": _own_arrangements(user),
    }
    return render(request, "registration/dashboard.html", context)


def _own_arrangements(user) -> list | None:
    """The arrangements an editor may change directly (not for reviewers: that is all)."""
    if not permissions.is_editor(user):
        return None
    return arrangement_choices(condition=permissions.arrangement_ids_editable_by(user))


def _submission_or_404(request: HttpRequest, pk: int) -> Submission:
    submission = submission_get(pk=pk)
    if submission is None:
        raise Http404
    if not permissions.can_view_submission(request.user, submission):
        raise PermissionDenied
    return submission


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    context = {
        "title": _("Inzending %(pk)d") % {"pk": submission.pk},
        **submission_view(submission=submission),
        "can_revise": permissions.can_revise_submission(request.user, submission),
        "can_review": permissions.can_review(request.user)
        and submission.status == SubmissionStatus.PENDING,
        "review_form": ReviewForm(),
    }
    return render(request, "registration/submission_detail.html", context)


@require_POST
@login_required
def submission_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    try:
        submission_withdraw(submission=submission, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De inzending is ingetrokken."))
    return redirect("registration:submission", pk=pk)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_review(request.user):
        raise PermissionDenied
    show_all = request.GET.get("status") == "open"
    statuses = OPEN_STATUSES if show_all else (SubmissionStatus.PENDING,)
    context = {
        "title": _("Beoordelen"),
        "submissions": review_queue(statuses=statuses)[:500],
        "show_all": show_all,
    }
    return render(request, "registration/review_queue.html", context)


def _decide(request: HttpRequest, submission, form: ReviewForm) -> str:
    decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
    if decision == "goedkeuren":
        revision = submission_approve(submission=submission, by=request.user, message=message)
        return _("Goedgekeurd en gepubliceerd als versie %(v)d.") % {"v": revision.version}
    if decision == "aanpassen":
        submission_request_changes(submission=submission, by=request.user, message=message)
        return _("Teruggestuurd naar de indiener met uw vraag.")
    submission_reject(submission=submission, by=request.user, reason=message)
    return _("Afgewezen; de indiener ziet uw reden.")


def _errors_on(form: ReviewForm, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for key, messages_ in errors.items():
        field = "message" if key in ("message", "reason") else None
        for message in messages_:
            form.add_error(field, message)


@require_POST
@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_review(request.user):
        raise PermissionDenied
    submission = submission_get(pk=pk)
    if submission is None:
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            messages.success(request, _decide(request, submission, form))
            return redirect("registration:queue")
        except ValidationError as exc:
            _errors_on(form, exc)
        except (MergeConflict, StaleVersion) as exc:
            form.add_error(
                None,
                _(
                    "Het samenwerkingsverband is na het indienen gewijzigd in dezelfde velden "
                    "(%(f)s). Vraag de indiener om een aanpassing."
                )
                % {"f": ", ".join(getattr(exc, "fields", [])) or _("versie")},
            )
    context = {
        "title": _("Inzending %(pk)d") % {"pk": submission.pk},
        **submission_view(submission=submission),
        "can_revise": False,
        "can_review": True,
        "review_form": form,
        "errors": error_summary(form),
    }
    return render(request, "registration/submission_detail.html", context, status=400)
