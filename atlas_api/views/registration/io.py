"""Between the API's Dutch field names and the domain's states, submissions, revisions and
import jobs; and the domain's errors as API errors (names as the client sent them)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.exceptions import APIException

from collaborations.registration.selectors.states import public_label
from collaborations.registration.services.checks import Issue
from collaborations.registration.state import member_key, normalise, normalise_member

from ...conditional import if_match_tags
from ...docs_registration import MEMBER_KINDS
from ...exceptions import Unprocessable

if TYPE_CHECKING:
    from collaborations.registration.models import ArrangementRevision, ImportJob, Submission

FIELDS = {
    "naam": "name",
    "korteNaam": "short_name",
    "rechtsvormFamilie": "legal_form_family",
    "rechtsvorm": "legal_form",
    "verplicht": "is_mandatory",
    "themas": "themes",
    "omschrijving": "description",
    "website": "website",
    "cbsGrCode": "cbs_gr_code",
    "kvkNummer": "kvk_number",
    "startdatum": "start_date",
    "einddatum": "end_date",
    "levensfase": "stage",
    "leden": "members",
}
MEMBER_FIELDS = {
    "soort": "kind",
    "code": "code",
    "organisatieId": "organisation_id",
    "naam": "name",
    "organisatieSoort": "organisation_kind",
    "kvkNummer": "kvk_number",
    "rol": "role",
    "lidVanaf": "valid_from",
    "lidTot": "valid_to",
}
TO_API = {v: k for k, v in FIELDS.items()}
MEMBER_TO_API = {v: k for k, v in MEMBER_FIELDS.items()}
KIND_TO_API = {v: k for k, v in MEMBER_KINDS.items()}


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Stuur de header If-Match met de ETag van de versie die u wijzigt."
    default_code = "precondition_required"


class WarningsToConfirm(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "warnings"


# --- input ---------------------------------------------------------------------------------------
def _member(raw: dict[str, Any]) -> dict[str, Any]:
    member = {MEMBER_FIELDS[k]: v for k, v in raw.items() if k in MEMBER_FIELDS}
    member["kind"] = MEMBER_KINDS.get(raw.get("soort"), raw.get("soort"))
    return member


class Input:
    """A state from validated API data (on top of ``current`` for a partial change), and where
    each member came from in the request, to name errors as the client wrote them."""

    def __init__(self, data: dict[str, Any], current: dict[str, Any] | None = None):
        state = dict(current or {})
        for api_name, name in FIELDS.items():
            if api_name in data and api_name != "leden":
                state[name] = data[api_name]
        self.origin: dict[tuple, list[int]] = defaultdict(list)
        if "leden" in data:
            members = [_member(m) for m in data["leden"]]
            for index, member in enumerate(members):
                self.origin[member_key(normalise_member(member))].append(index)
            state["members"] = members
        self.given_members = "leden" in data
        self.state = normalise(state)

    def name_of(self, path: str) -> str:
        """``members[2].valid_from`` -> ``leden[0].lidVanaf`` (the client's index)."""
        if not path.startswith("members["):
            return TO_API.get(path, "body" if path == "__all__" else path)
        index = int(path[len("members[") : path.index("]")])
        field = path.split(".", 1)[1] if "." in path else ""
        places = (
            self.origin.get(member_key(self.state["members"][index]))
            if self.given_members
            else None
        )
        where = f"leden[{places[0]}]" if places else "leden"
        return f"{where}.{MEMBER_TO_API.get(field, field)}" if field else where

    def api_error(self, exc: ValidationError) -> Unprocessable:
        """The domain's refusal (422), named as the client wrote it."""
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        result: dict[str, list[str]] = defaultdict(list)
        for path, messages in errors.items():
            result[self.name_of(path)] += messages
        return Unprocessable(dict(result))

    def warnings_error(self, warnings: list[Issue]) -> WarningsToConfirm:
        names = ", ".join(f"{self.name_of(w.field)}: {w.message}" for w in warnings)
        return WarningsToConfirm(
            f"Waarschuwing(en): {names} Stuur bevestigWaarschuwingen: true om toch op te slaan."
        )


def validation_error(exc: ValidationError, names: dict[str, str] | None = None) -> Unprocessable:
    """The domain's refusal (422) with the fields in the API's names."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"body": exc.messages}
    return Unprocessable({(names or {}).get(k, k): v for k, v in errors.items()})


# --- output --------------------------------------------------------------------------------------
def state_out(state: dict[str, Any]) -> dict[str, Any]:
    result = {TO_API[k]: state.get(k) for k in FIELDS.values() if k != "members"}
    result["leden"] = [
        {
            **{MEMBER_TO_API[k]: m.get(k) for k in MEMBER_FIELDS.values()},
            "soort": KIND_TO_API.get(m.get("kind"), m.get("kind")),
        }
        for m in state.get("members") or []
    ]
    return result


def issues_out(issues: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"name": TO_API.get(i.get("field"), i.get("field")), "reason": i.get("message")}
        for i in issues
    ]


def submission_out(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "soort": submission.kind,
        "status": submission.status,
        "statusNaam": str(submission.get_status_display()),
        "suggestie": submission.is_suggestion,
        "samenwerkingsverband": submission.arrangement_id,
        "ingediendOp": submission.submitted_at,
        "reden": submission.reason,
        "toelichting": submission.review_message or None,
        "beoordeeldOp": submission.reviewed_at,
        "voorstel": state_out(submission.proposed),
        "waarschuwingen": issues_out(submission.warnings),
    }


def revision_out(revision: dict[str, Any], *, authenticated: bool) -> dict[str, Any]:
    by = revision["by_label"] if authenticated else public_label(revision["by_label"])
    return {
        "versie": revision["version"],
        "soort": revision["kind"],
        "op": revision["created_at"],
        "door": by or None,
        "reden": revision["reason"],
        "wijzigingen": revision["changes"],
        "teruggezetNaar": revision.get("reverted_to__version"),
    }


def written_out(
    revision: ArrangementRevision, warnings: list[Issue] | None = None
) -> dict[str, Any]:
    return {
        "status": "gepubliceerd",
        "samenwerkingsverband": revision.arrangement_id,
        "versie": revision.version,
        "waarschuwingen": [
            {"name": TO_API.get(w.field, w.field), "reason": w.message} for w in warnings or []
        ],
    }


def job_out(job: ImportJob, *, full: bool = True) -> dict[str, Any]:
    return {
        "id": job.pk,
        "soort": job.kind,
        "status": job.status,
        "statusNaam": str(job.get_status_display()),
        "bestandsnaam": job.original_name,
        "rijen": job.total_rows,
        "verwerkt": job.processed_rows,
        "afgebroken": job.is_stale,
        "melding": job.message or None,
        "samenvatting": job.summary,
        "voorbeeld": job.preview if full else [],
        "fouten": job.errors if full else [],
        "waarschuwingen": job.warnings if full else [],
    }


def etag(arrangement_id: int, version: int) -> str:
    return f'"sv-{arrangement_id}-v{version}"'


def if_match_version(header: str | None, arrangement_id: int) -> int | None:
    """The version an If-Match header names (None: absent; -1 for ``*``; 0 when it names no
    version of this arrangement). The validator is accepted as the client received it: weak
    (``W/"sv-…"``, as after compression) or strong (atlas_api.conditional)."""
    tags = if_match_tags(header)
    if tags is None:
        return None
    prefix = f"sv-{arrangement_id}-v"
    for tag in tags:
        if tag == "*":
            return -1
        if tag.startswith(prefix) and tag[len(prefix) :].isdigit():
            return int(tag[len(prefix) :])
    return 0
