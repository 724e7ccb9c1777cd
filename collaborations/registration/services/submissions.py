"""Registering and changing arrangements, and the review queue.

:func:`registration_submit` is the entry point of forms and API alike: an authorised user's
change is written at once; anything else becomes a :class:`Submission` that a moderator
approves (:func:`submission_approve`), rejects with a reason or sends back for changes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaborations import permissions
from collaborations.arrangements.models import Arrangement
from collaborations.registration.choices import (
    OPEN_STATUSES,
    RevisionKind,
    SubmissionKind,
    SubmissionStatus,
)
from collaborations.registration.models import ArrangementRevision, Submission, SubmissionEvent
from collaborations.registration.selectors.states import arrangement_state, user_label
from collaborations.registration.services.checks import Checked, Issue, as_error_dict
from collaborations.registration.services.validation import reason_check, state_check
from collaborations.registration.services.write import (
    MergeConflict,
    StaleVersion,
    Write,
    states_write,
)
from collaborations.registration.state import changed_keys, merge


class NeedsConfirmation(Exception):  # noqa: N818 - a condition the user answers
    """The state is valid but has warnings (e.g. a duplicate name) the user must confirm."""

    def __init__(self, warnings: list[Issue]):
        super().__init__("; ".join(w.message for w in warnings))
        self.warnings = warnings


@dataclass
class Outcome:
    """What became of a submitted state: written (``revision``) or queued (``submission``)."""

    applied: bool
    arrangement_id: int | None = None
    revision: ArrangementRevision | None = None
    submission: Submission | None = None
    warnings: list[Issue] = field(default_factory=list)


def _event(submission: Submission, action: str, by: Any, message: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission, action=action, by=by, by_label=user_label(user=by), message=message
    )


def _checked(
    state: dict[str, Any],
    *,
    reason: str,
    base: dict | None,
    arrangement_id: int | None,
    confirm_warnings: bool,
    submission_id: int | None = None,
) -> tuple[Checked, str]:
    """The checked state and the reason; every error of both at once."""
    errors: dict[str, list[str]] = {}
    try:
        reason = reason_check(reason)
    except ValidationError as exc:
        errors = exc.message_dict
    checked = state_check(
        state=state, base=base, arrangement_id=arrangement_id, submission_id=submission_id
    )
    errors = {**as_error_dict(checked.errors), **errors}
    if errors:
        raise ValidationError(errors)
    if base is not None and not changed_keys(base, checked.state):
        raise ValidationError({"__all__": [_("Er is niets gewijzigd.")]})
    if checked.warnings and not confirm_warnings:
        raise NeedsConfirmation(checked.warnings)
    return checked, reason


def _may_write_directly(by: Any, arrangement: Arrangement | None) -> bool:
    if arrangement is None:
        return permissions.can_publish_new(by)
    return permissions.can_edit_arrangement(by, arrangement)


def _base_of(arrangement: Arrangement, expected_version: int | None) -> dict[str, Any]:
    if expected_version is None:
        raise ValidationError(
            {"version": [_("De versie waarop u de wijziging baseert ontbreekt.")]}
        )
    if expected_version != arrangement.version:
        raise StaleVersion({arrangement.pk: arrangement.version})
    return arrangement_state(arrangement_id=arrangement.pk)


def registration_submit(
    *,
    by: Any,
    state: dict[str, Any],
    reason: str,
    arrangement: Arrangement | None = None,
    expected_version: int | None = None,
    as_suggestion: bool = False,
    confirm_warnings: bool = False,
) -> Outcome:
    """Register a new arrangement (``arrangement`` None) or change one whose version the user
    saw was ``expected_version``. Raises PermissionDenied, ValidationError (field errors),
    NeedsConfirmation (warnings) or StaleVersion (someone else changed it meanwhile)."""
    allowed = (
        permissions.can_create(by)
        if arrangement is None
        else permissions.can_suggest(by, arrangement)
    )
    if not allowed:
        raise PermissionDenied
    base = _base_of(arrangement, expected_version) if arrangement is not None else None
    arrangement_id = arrangement.pk if arrangement is not None else None
    checked, reason = _checked(
        state,
        reason=reason,
        base=base,
        arrangement_id=arrangement_id,
        confirm_warnings=confirm_warnings,
    )
    direct = _may_write_directly(by, arrangement) and not as_suggestion
    if direct:
        write = Write(
            state=checked.state,
            reason=reason,
            kind=RevisionKind.CREATED if arrangement is None else RevisionKind.EDITED,
            arrangement_id=arrangement_id,
            expected_version=expected_version,
            created_by=by,
            by_label=user_label(user=by),
        )
        revision = states_write(writes=[write])[0]
        return Outcome(
            applied=True,
            arrangement_id=revision.arrangement_id,
            revision=revision,
            warnings=checked.warnings,
        )
    submission = _queue(by, checked, reason, arrangement, base, expected_version)
    return Outcome(
        applied=False,
        arrangement_id=arrangement_id,
        submission=submission,
        warnings=checked.warnings,
    )


@transaction.atomic
def _queue(
    by: Any,
    checked: Checked,
    reason: str,
    arrangement: Arrangement | None,
    base: dict | None,
    expected_version: int | None,
) -> Submission:
    if arrangement is None:
        codes = [m["code"] for m in checked.state["members"] if m["kind"] == "municipality"]
        suggestion = not permissions.includes_own_municipality(by, codes)
    else:
        suggestion = not permissions.can_edit_arrangement(by, arrangement)
    submission = Submission.objects.create(
        kind=SubmissionKind.NEW if arrangement is None else SubmissionKind.CHANGE,
        arrangement=arrangement,
        is_suggestion=suggestion,
        submitted_by=by,
        by_label=user_label(user=by),
        reason=reason,
        proposed=checked.state,
        base_state=base,
        base_version=expected_version,
        warnings=[asdict(w) for w in checked.warnings],
    )
    _event(submission, SubmissionEvent.Action.SUBMITTED, by, reason)
    return submission


# --- the review queue ---------------------------------------------------------------------------
def _locked_open(submission: Submission, statuses=(SubmissionStatus.PENDING,)) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in statuses:
        raise ValidationError(
            _("Deze inzending is al afgehandeld (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def _approved_state(submission: Submission) -> tuple[dict, dict | None, int | None]:
    """(state to write, current state, current version) for an approval."""
    if submission.kind == SubmissionKind.NEW:
        return submission.proposed, None, None
    if submission.arrangement_id is None:
        raise ValidationError(_("Het samenwerkingsverband van deze inzending bestaat niet meer."))
    arrangement = Arrangement.objects.only("pk", "version").get(pk=submission.arrangement_id)
    current = arrangement_state(arrangement_id=arrangement.pk)
    merged, conflicts = merge(
        base=submission.base_state, proposed=submission.proposed, current=current
    )
    if conflicts:
        raise MergeConflict(conflicts)
    if not changed_keys(current, merged):
        raise ValidationError(_("De voorgestelde wijziging is intussen al doorgevoerd."))
    return merged, current, arrangement.version


def submission_approve(
    *, submission: Submission, by: Any, message: str = ""
) -> ArrangementRevision:
    """Publish a submission. A change is merged field by field onto the arrangement as it is
    now; fields that someone else changed meanwhile raise MergeConflict."""
    if not permissions.can_review(by):
        raise PermissionDenied
    with transaction.atomic():
        submission = _locked_open(submission)
        state, current, version = _approved_state(submission)
        checked = state_check(
            state=state,
            base=current,
            arrangement_id=submission.arrangement_id,
            submission_id=submission.pk,
        )
        checked.raise_for_errors()
        new = submission.kind == SubmissionKind.NEW
        write = Write(
            state=checked.state,
            reason=submission.reason,
            kind=RevisionKind.CREATED if new else RevisionKind.APPROVED,
            arrangement_id=submission.arrangement_id,
            expected_version=version,
            created_by=submission.submitted_by,
            by_label=submission.by_label,
            approved_by=by,
            submission_id=submission.pk,
        )
        revision = states_write(writes=[write])[0]
        _close(submission, SubmissionStatus.APPROVED, by, message)
        submission.arrangement_id = revision.arrangement_id
        submission.save(update_fields=["arrangement"])
        _event(submission, SubmissionEvent.Action.APPROVED, by, message)
    return revision


def _close(submission: Submission, status: str, by: Any, message: str) -> None:
    submission.status = status
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.review_message = message
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_message"])


def _required(text: str, name: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({name: [message]})
    return text


@transaction.atomic
def submission_reject(*, submission: Submission, by: Any, reason: str) -> Submission:
    """Reject with a reason the submitter sees."""
    if not permissions.can_review(by):
        raise PermissionDenied
    reason = _required(reason, "reason", _("Geef de reden van de afwijzing; de indiener ziet die."))
    submission = _locked_open(submission, OPEN_STATUSES)
    _close(submission, SubmissionStatus.REJECTED, by, reason)
    _event(submission, SubmissionEvent.Action.REJECTED, by, reason)
    return submission


@transaction.atomic
def submission_request_changes(*, submission: Submission, by: Any, message: str) -> Submission:
    """Send back to the submitter with what to change."""
    if not permissions.can_review(by):
        raise PermissionDenied
    message = _required(message, "message", _("Schrijf wat de indiener moet aanpassen."))
    submission = _locked_open(submission)
    _close(submission, SubmissionStatus.CHANGES_REQUESTED, by, message)
    _event(submission, SubmissionEvent.Action.CHANGES_REQUESTED, by, message)
    return submission


def submission_revise(
    *,
    submission: Submission,
    by: Any,
    state: dict[str, Any],
    reason: str,
    confirm_warnings: bool = False,
) -> Submission:
    """The submitter changes an open submission; it goes back to the queue."""
    if not permissions.can_revise_submission(by, submission):
        raise PermissionDenied
    checked, reason = _checked(
        state,
        reason=reason,
        base=submission.base_state,
        arrangement_id=submission.arrangement_id,
        confirm_warnings=confirm_warnings,
        submission_id=submission.pk,
    )
    with transaction.atomic():
        submission = _locked_open(submission, OPEN_STATUSES)
        submission.proposed = checked.state
        submission.reason = reason
        submission.status = SubmissionStatus.PENDING
        submission.warnings = [asdict(w) for w in checked.warnings]
        submission.save(update_fields=["proposed", "reason", "status", "warnings", "updated_at"])
        _event(submission, SubmissionEvent.Action.REVISED, by, reason)
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, by: Any) -> Submission:
    if not permissions.can_revise_submission(by, submission):
        raise PermissionDenied
    submission = _locked_open(submission, OPEN_STATUSES)
    submission.status = SubmissionStatus.WITHDRAWN
    submission.save(update_fields=["status", "updated_at"])
    _event(submission, SubmissionEvent.Action.WITHDRAWN, by)
    return submission
