"""History of an arrangement, submissions and the review queue, import jobs: readable for
the pages and the API. A constant number of queries per call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from collaborations.arrangements.models import Arrangement, Theme
from collaborations.core.choices import LegalForm, LegalFormFamily, PublicationStatus, Stage
from collaborations.registration.choices import OPEN_STATUSES, SubmissionStatus
from collaborations.registration.models import (
    ArrangementConfirmation,
    ArrangementRevision,
    ImportJob,
    Submission,
)
from collaborations.registration.selectors.states import public_label
from collaborations.registration.state import FIELD_LABELS, MEMBER_FIELD_LABELS, diff


# --- history ------------------------------------------------------------------------------------
def _theme_names() -> dict[str, str]:
    return dict(Theme.objects.values_list("slug", "name"))


_CHOICE_LABELS = {
    "legal_form_family": dict(LegalFormFamily.choices),
    "legal_form": dict(LegalForm.choices),
    "stage": dict(Stage.choices),
}


def _readable_value(field: str, value: Any, themes: dict[str, str]) -> Any:
    if field in _CHOICE_LABELS and value:
        return str(_CHOICE_LABELS[field].get(value, value))
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if value in (None, ""):
        return "—"
    return value


def _readable_changes(changes: dict[str, Any], themes: dict[str, str]) -> dict[str, Any]:
    fields = [
        {
            "label": str(FIELD_LABELS.get(item["field"], item["field"])),
            "old": _readable_value(item["field"], item["old"], themes),
            "new": _readable_value(item["field"], item["new"], themes),
        }
        for item in changes.get("fields", [])
    ]
    theme_changes = changes.get("themes") or {}
    members = changes.get("members") or {}
    changed_members = [
        {
            "member": change["member"],
            "fields": [
                {
                    "label": str(MEMBER_FIELD_LABELS.get(f["field"], f["field"])),
                    "old": f["old"] or "—",
                    "new": f["new"] or "—",
                }
                for f in change["fields"]
            ],
        }
        for change in members.get("changed", [])
    ]
    return {
        "fields": fields,
        "themes_added": [themes.get(s, s) for s in theme_changes.get("added", [])],
        "themes_removed": [themes.get(s, s) for s in theme_changes.get("removed", [])],
        "members_added": members.get("added", []),
        "members_removed": members.get("removed", []),
        "members_changed": changed_members,
    }


def arrangement_history(*, arrangement_id: int, limit: int = 100) -> dict[str, Any]:
    """The history of an arrangement for its profile page (template
    ``registration/_history.html``): its versions, newest first, with readable changes, and
    when it was last confirmed. Three queries."""
    arrangement = (
        Arrangement.objects.filter(pk=arrangement_id).values("pk", "version", "name").first()
    )
    revisions = list(
        ArrangementRevision.objects.filter(arrangement_id=arrangement_id)
        .order_by("-version")
        .values(
            "pk",
            "version",
            "kind",
            "created_at",
            "by_label",
            "reason",
            "changes",
            "submission_id",
            "reverted_to__version",
            "approved_by__first_name",
            "approved_by__last_name",
            "approved_by__username",
        )[:limit]
    )
    themes = _theme_names() if revisions else {}
    kinds = dict(ArrangementRevision._meta.get_field("kind").choices)
    for revision in revisions:
        revision["kind_label"] = kinds.get(revision["kind"], revision["kind"])
        revision["readable"] = _readable_changes(revision["changes"], themes)
        revision["public_by"] = public_label(revision["by_label"])
        names = (revision.pop("approved_by__first_name"), revision.pop("approved_by__last_name"))
        username = revision.pop("approved_by__username")
        revision["approved_by"] = " ".join(n for n in names if n) or username
        revision["is_current"] = arrangement is not None and (
            revision["version"] == arrangement["version"]
        )
    confirmation = (
        ArrangementConfirmation.objects.filter(arrangement_id=arrangement_id)
        .values("last_confirmed_at", "by_label")
        .first()
    )
    if confirmation:
        confirmation["public_by"] = public_label(confirmation["by_label"])
    return {
        "arrangement_id": arrangement_id,
        "version": arrangement["version"] if arrangement else None,
        "name": arrangement["name"] if arrangement else "",
        "revisions": revisions,
        "confirmation": confirmation,
    }


def revision_get(*, arrangement_id: int, version: int) -> ArrangementRevision | None:
    return ArrangementRevision.objects.filter(
        arrangement_id=arrangement_id, version=version
    ).first()


def revisions_since(*, arrangement_id: int, version: int) -> list[dict[str, Any]]:
    """Revisions made after ``version`` (what someone else changed meanwhile), oldest first."""
    themes = _theme_names()
    rows = list(
        ArrangementRevision.objects.filter(arrangement_id=arrangement_id, version__gt=version)
        .order_by("version")
        .values("version", "created_at", "by_label", "reason", "changes")
    )
    for row in rows:
        row["readable"] = _readable_changes(row["changes"], themes)
    return rows


# --- submissions --------------------------------------------------------------------------------
def submissions_of(*, user: Any) -> QuerySet[Submission]:
    """Everything the user submitted, newest first."""
    return (
        Submission.objects.filter(submitted_by=user)
        .select_related("arrangement")
        .defer("arrangement__footprint")
    )


def review_queue(*, statuses: Sequence[str] = (SubmissionStatus.PENDING,)) -> QuerySet[Submission]:
    """Submissions waiting for a moderator, oldest first."""
    return (
        Submission.objects.filter(status__in=list(statuses))
        .select_related("arrangement", "submitted_by")
        .defer("arrangement__footprint")
        .order_by("submitted_at", "id")
    )


def submission_get(*, pk: int) -> Submission | None:
    return (
        Submission.objects.select_related("arrangement", "submitted_by", "reviewed_by")
        .defer("arrangement__footprint")
        .prefetch_related("events")
        .filter(pk=pk)
        .first()
    )


def submission_view(*, submission: Submission) -> dict[str, Any]:
    """A submission with its readable changes (against what the submitter saw)."""

    changes = diff(submission.base_state, submission.proposed)
    return {
        "submission": submission,
        "changes": _readable_changes(changes, _theme_names()),
        "events": list(submission.events.all()),
    }


def open_submissions_for(*, arrangement_id: int) -> int:
    return Submission.objects.filter(
        arrangement_id=arrangement_id, status__in=list(OPEN_STATUSES)
    ).count()


# --- import jobs -------------------------------------------------------------------------------
def import_jobs(*, limit: int = 50) -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("created_by").defer("preview")[:limit]


def import_job_get(*, pk: int) -> ImportJob | None:
    return ImportJob.objects.filter(pk=pk).first()


def arrangement_choices(*, condition: Q, text: str = "", limit: int = 200) -> list[dict[str, Any]]:
    """Published arrangements matching ``condition`` (e.g. those a user may edit, from
    permissions.arrangement_ids_editable_by) and ``text``, with their version and when they
    were last confirmed. One query."""
    queryset = Arrangement.objects.filter(condition, publication_status=PublicationStatus.PUBLISHED)
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(short_name__icontains=text))
    return list(
        queryset.order_by("name").values(
            "pk", "name", "version", "confirmation__last_confirmed_at"
        )[:limit]
    )
