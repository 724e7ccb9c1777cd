"""Reads for registration: arrangement states, history, submissions, the review queue, import
jobs, and the lookups of the forms (search-as-you-type, footprint preview). Every function
runs a constant number of queries."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.gis.db.models import Union
from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce

from collaborations.functions import Multi, SimplifyPreserveTopology
from collaborations.models import (
    Arrangement,
    Membership,
    Municipality,
    Organisation,
    Province,
    Theme,
)
from collaborations.models.choices import LegalForm, LegalFormFamily, Stage
from collaborations.models.registration import (
    OPEN_STATUSES,
    ArrangementConfirmation,
    ArrangementRevision,
    EditorRole,
    ImportJob,
    Submission,
    SubmissionStatus,
    UserRole,
)
from collaborations.services.registration.state import (
    FIELD_LABELS,
    MEMBER_FIELD_LABELS,
    SCALAR_FIELDS,
    member_sort_key,
    normalise,
)

from .geography import today, valid_on

CODE = re.compile(r"\b(GM[0-9]{4}|PV[0-9]{2})\b", re.IGNORECASE)


# --- states -----------------------------------------------------------------------------------
def _member_state(row: dict[str, Any]) -> dict[str, Any]:
    if row["municipality__code"]:
        kind, code, name = "municipality", row["municipality__code"], row["municipality__name"]
    elif row["province__code"]:
        kind, code, name = "province", row["province__code"], row["province__name"]
    else:
        kind, code, name = "organisation", None, row["organisation__name"]
    return {
        "kind": kind,
        "code": code,
        "organisation_id": row["organisation_id"],
        "name": name,
        "organisation_kind": row["organisation__kind"] or "",
        "kvk_number": row["organisation__kvk_number"] or "",
        "role": row["role"],
        "valid_from": row["valid_from"],
        "valid_to": row["valid_to"],
    }


def arrangement_states(*, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{arrangement id: state} (see services.registration.state). Three queries."""
    ids = list(ids)
    if not ids:
        return {}
    rows = Arrangement.objects.filter(pk__in=ids).values("pk", *SCALAR_FIELDS)
    themes: dict[int, list[str]] = defaultdict(list)
    for arrangement_id, slug in Arrangement.themes.through.objects.filter(
        arrangement_id__in=ids
    ).values_list("arrangement_id", "theme__slug"):
        themes[arrangement_id].append(slug)
    members: dict[int, list[dict]] = defaultdict(list)
    for row in Membership.objects.filter(arrangement_id__in=ids).values(
        "arrangement_id",
        "role",
        "valid_from",
        "valid_to",
        "organisation_id",
        "municipality__code",
        "municipality__name",
        "province__code",
        "province__name",
        "organisation__name",
        "organisation__kind",
        "organisation__kvk_number",
    ):
        members[row["arrangement_id"]].append(_member_state(row))
    return {
        row["pk"]: normalise({**row, "themes": themes[row["pk"]], "members": members[row["pk"]]})
        for row in rows
    }


def arrangement_state(*, arrangement_id: int) -> dict[str, Any]:
    return arrangement_states(ids=[arrangement_id])[arrangement_id]


# --- labels of users ---------------------------------------------------------------------------
def user_label(*, user: Any) -> str:
    """How a user is shown in histories: name and organisation (or role). One query."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    name = user.get_full_name() or user.get_username()
    role = UserRole.objects.filter(user=user).values("role", "organisation_label").first()
    if role and role["organisation_label"]:
        return f"{name} ({role['organisation_label']})"
    if role:
        return f"{name} ({EditorRole(role['role']).label})"
    return f"{name} ({EditorRole.ADMINISTRATOR.label})" if user.is_superuser else name


def public_label(by_label: str) -> str:
    """The organisation part of a stored label, for readers without an account."""
    match = re.search(r"\(([^()]*)\)\s*$", by_label or "")
    return match.group(1) if match else ""


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
    from collaborations.services.registration.state import diff

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


# --- lookups of the form ------------------------------------------------------------------------
def member_search(*, text: str, day: datetime.date | None = None, limit: int = 10) -> list[dict]:
    """Municipalities (valid on ``day``, default today, plus former ones at the end) and
    provinces whose name or code matches ``text``; for search-as-you-type. Two queries."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    day = day or today()
    municipalities = (
        Municipality.objects.filter(Q(name__icontains=text) | Q(code__istartswith=text))
        .annotate(current=Coalesce("valid_to", Value(datetime.date.max)))
        .order_by("-current", "name")
        .values("code", "name", "valid_from", "valid_to")[:limit]
    )
    result = [
        {
            "soort": "gemeente",
            "code": row["code"],
            "naam": row["name"],
            "geldigVanaf": row["valid_from"],
            "geldigTot": row["valid_to"],
            "label": _municipality_label(row, day),
        }
        for row in municipalities
    ]
    provinces = Province.objects.filter(Q(name__icontains=text) | Q(code__iexact=text)).values(
        "code", "name"
    )[:3]
    result += [
        {
            "soort": "provincie",
            "code": row["code"],
            "naam": row["name"],
            "label": f"Provincie {row['name']} ({row['code']})",
        }
        for row in provinces
    ]
    return result


def _municipality_label(row: dict, day: datetime.date) -> str:
    label = f"{row['name']} ({row['code']})"
    if row["valid_to"] and row["valid_to"] <= day:
        label += f", opgeheven per {row['valid_to']:%d-%m-%Y}"
    return label


def organisation_search(*, text: str, limit: int = 10) -> list[dict]:
    text = (text or "").strip()
    if len(text) < 2:
        return []
    rows = Organisation.objects.filter(name__icontains=text).values(
        "pk", "name", "kind", "kvk_number"
    )[:limit]
    return [
        {"id": r["pk"], "naam": r["name"], "soort": r["kind"], "kvkNummer": r["kvk_number"]}
        for r in rows
    ]


def members_resolve(*, texts: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """What each typed member text ("Utrecht", "GM0344", "Utrecht (GM0344)", "PV26") may mean:
    {text: [{"kind", "code", "name", "valid_from", "valid_to"}]}. Two queries for all texts."""
    texts = [t.strip() for t in texts if t and t.strip()]
    codes = {t: CODE.search(t).group(1).upper() for t in texts if CODE.search(t)}
    names = {t.casefold() for t in texts if t not in codes}
    names |= {n.removeprefix("provincie ") for n in names}
    municipalities = Municipality.objects.filter(
        Q(code__in=[c for c in codes.values() if c.startswith("GM")])
        | Q(name__iregex=_names(names))
    ).values("code", "name", "valid_from", "valid_to")
    provinces = Province.objects.filter(
        Q(code__in=[c for c in codes.values() if c.startswith("PV")])
        | Q(name__iregex=_names(names))
    ).values("code", "name")
    candidates = [{"kind": "municipality", **m} for m in municipalities]
    candidates += [
        {"kind": "province", **p, "valid_from": None, "valid_to": None} for p in provinces
    ]
    result: dict[str, list[dict[str, Any]]] = {}
    for text in texts:
        if text in codes:
            result[text] = [c for c in candidates if c["code"] == codes[text]]
            continue
        wanted = text.casefold()
        result[text] = [
            c
            for c in candidates
            if c["name"].casefold() in (wanted, wanted.removeprefix("provincie "))
        ]
        result[text].sort(key=lambda c: (c["kind"] != "municipality", c["valid_to"] is not None))
    return result


def _names(names: set[str]) -> str:
    if not names:
        return r"^\b$"  # matches nothing
    return "^(" + "|".join(re.escape(n) for n in sorted(names)) + ")$"


def footprint_preview(*, codes: Sequence[str], day: datetime.date | None = None) -> dict:
    """The union of the (latest) boundaries of the given municipalities, simplified, as a
    GeoJSON Feature for the live map preview of the form. Two queries."""
    codes = sorted({c for c in codes if re.fullmatch(r"GM[0-9]{4}", c)})[:200]
    queryset = Municipality.objects.filter(code__in=codes, geom__isnull=False)
    if day is not None:
        queryset = queryset.filter(valid_on(day))
    found = list(queryset.values_list("code", flat=True))
    geometry = None
    if found:
        text = queryset.aggregate(
            g=AsGeoJSON(Multi(SimplifyPreserveTopology(Union("geom"), Value(0.0005))), precision=5)
        )["g"]
        geometry = json.loads(text) if text else None
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"gemeenten": found, "ontbrekend": sorted(set(codes) - set(found))},
    }


def member_sort(members: list[dict]) -> list[dict]:
    return sorted(members, key=member_sort_key)


# --- import jobs -------------------------------------------------------------------------------
def import_jobs(*, limit: int = 50) -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("created_by").defer("preview")[:limit]


def import_job_get(*, pk: int) -> ImportJob | None:
    return ImportJob.objects.filter(pk=pk).first()
