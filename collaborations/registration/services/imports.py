"""Bulk import jobs: upload, dry run (what each row would create or change, every error named
by row and column), then commit, all or nothing. A job is a row (:class:`ImportJob`); large
files run as Celery jobs with progress. The commit checks the file again against the data as
it is then, writes everything in one transaction and marks the job committed in that same
transaction, so a failed, rejected or killed job leaves the data as it was."""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from collaborations import permissions
from collaborations.arrangements.models import Arrangement, Theme
from collaborations.core.audit import audit
from collaborations.core.choices import DivisionKind, Domain, LegalFormFamily
from collaborations.core.services.outbox import job_enqueue
from collaborations.divisions.services import VersionError, division_version_apply
from collaborations.registration.choices import ImportKind, ImportStatus
from collaborations.registration.importers import read_table
from collaborations.registration.importers.files import FileProblem
from collaborations.registration.models import ImportJob
from collaborations.registration.selectors.states import arrangement_states, user_label
from collaborations.registration.services.import_plans import Plan, arrangement_plan, division_plan
from collaborations.registration.services.validation import reason_check
from collaborations.registration.services.write import (
    StaleVersion,
    import_revisions_record,
    registration_source,
    states_write,
)

logger = logging.getLogger(__name__)
ALLOWED_SUFFIXES = (".csv", ".txt", ".xlsx")
#: The Celery tasks of large files (collaborations/tasks.py), enqueued through the outbox.
VALIDATE_TASK = "collaborations.import_validate"
COMMIT_TASK = "collaborations.import_commit"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_bytes() -> int:
    return _setting("REGIOATLAS_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_rows() -> int:
    return _setting("REGIOATLAS_IMPORT_MAX_ROWS", 5000)


# --- options of a division import ---------------------------------------------------------------
@dataclass
class DivisionOptions:
    name: str = ""
    slug: str = ""
    domain: str = Domain.SOCIAAL
    kind: str = DivisionKind.SAMENWERKING
    year: int = field(default_factory=lambda: timezone.localdate().year)
    reference_date: str = ""
    legal_form_family: str = LegalFormFamily.NETWERK
    legal_form: str = ""
    is_mandatory: bool | None = None
    themes: list[str] = field(default_factory=list)
    region_prefix: str = ""
    description: str = ""
    supersedes: str = ""


def _choice(errors: dict, name: str, value: str, allowed: list[str]) -> None:
    if value not in allowed:
        errors[name] = [_("Kies een van: %(a)s.") % {"a": ", ".join(allowed)}]


def division_options_check(raw: dict[str, Any]) -> dict[str, Any]:
    """The settings of a division import, checked; ValidationError names the bad ones."""
    known = DivisionOptions.__dataclass_fields__
    options = DivisionOptions(**{k: v for k, v in raw.items() if k in known and v is not None})
    errors: dict[str, list[str]] = {}
    _choice(errors, "domain", options.domain, Domain.values)
    _choice(errors, "kind", options.kind, DivisionKind.values)
    _choice(errors, "legal_form_family", options.legal_form_family, LegalFormFamily.values)
    try:
        options.year = int(options.year)
        if not 1900 <= options.year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = [_("Een jaartal, bijv. 2024.")]
    if options.reference_date:
        try:
            datetime.date.fromisoformat(str(options.reference_date))
        except ValueError:
            errors["reference_date"] = [_("Een datum, JJJJ-MM-DD.")]
    themes = list(options.themes or [])
    known_themes = set(Theme.objects.filter(slug__in=themes).values_list("slug", flat=True))
    if not themes or set(themes) - known_themes:
        errors["themes"] = [_("Kies ten minste één (bestaand) thema.")]
    if options.slug and slugify(options.slug) != options.slug:
        errors["slug"] = [_("Alleen kleine letters, cijfers en streepjes.")]
    if errors:
        raise ValidationError(errors)
    return options.__dict__


# --- creating and checking ----------------------------------------------------------------------
def _check_upload(upload: UploadedFile) -> None:
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError(
            {"file": [_("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).")]}
        )
    if not upload.size:
        raise ValidationError({"file": [_("Het bestand is leeg.")]})
    if upload.size > max_bytes():
        raise ValidationError(
            {
                "file": [
                    _("Het bestand is %(size).1f MB; de grens is %(max).0f MB. Splits het.")
                    % {"size": upload.size / 1e6, "max": max_bytes() / 1e6}
                ]
            }
        )


def import_job_create(
    *,
    by: Any,
    kind: str,
    upload: UploadedFile,
    reason: str,
    options: dict[str, Any] | None = None,
) -> ImportJob:
    """Store an upload and check it (a dry run): at once for small files, as a Celery job for
    large ones."""
    if not permissions.can_import(by):
        raise PermissionDenied
    if kind not in ImportKind.values:
        raise ValidationError({"kind": [_("Onbekende soort import.")]})
    reason = reason_check(reason)
    _check_upload(upload)
    if kind == ImportKind.DIVISION:
        options = division_options_check(options or {})
    inline_limit = _setting("REGIOATLAS_IMPORT_INLINE_MAX_BYTES", 100 * 1024)
    with transaction.atomic():  # the job and its background job, together or not at all
        job = ImportJob.objects.create(
            kind=kind,
            file=upload,
            original_name=Path(upload.name or "upload").name[:255],
            size=upload.size,
            reason=reason,
            options=options or {},
            created_by=by,
            run_in_background=upload.size > inline_limit,
        )
        if job.run_in_background:
            job_enqueue(task=VALIDATE_TASK, kwargs={"job_id": job.pk})
            return job
    return import_job_validate(job_id=job.pk)


def _progress(job: ImportJob) -> Callable[[int], None]:
    """A callback that records progress every ~2 % (one UPDATE, outside any transaction)."""
    step = max(1, job.total_rows // 50)

    def report(done: int) -> None:
        if done % step == 0 or done == job.total_rows:
            ImportJob.objects.filter(pk=job.pk).update(
                processed_rows=done, updated_at=timezone.now()
            )

    return report


def _plan(job: ImportJob) -> Plan:
    with job.file.open("rb") as handle:
        data = handle.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise FileProblem(_("Het bestand is te groot."))
    table = read_table(data, filename=job.original_name, max_rows=max_rows())
    job.total_rows, job.encoding, job.file_format = (
        len(table.rows),
        table.encoding,
        table.file_format,
    )
    job.save(update_fields=["total_rows", "encoding", "file_format", "updated_at"])
    if job.kind == ImportKind.DIVISION:
        return division_plan(job, table, _progress(job))
    return arrangement_plan(job, table, _progress(job))


def _update(job: ImportJob, **values: Any) -> ImportJob:
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*values, "updated_at"])
    return job


def import_job_validate(*, job_id: int) -> ImportJob:
    """The dry run: what every row would do, and every error. Writes nothing but the job."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.VALIDATING):
        return job
    _update(job, status=ImportStatus.VALIDATING, processed_rows=0, message="")
    try:
        plan = _plan(job)
    except FileProblem as exc:
        return _update(job, status=ImportStatus.INVALID, message=str(exc), errors=[])
    return _update(
        job,
        status=ImportStatus.INVALID if plan.errors else ImportStatus.VALID,
        preview=plan.preview,
        errors=plan.errors,
        warnings=plan.warnings,
        summary=plan.summary,
        processed_rows=job.total_rows,
    )


# --- committing ----------------------------------------------------------------------------------
COMMITTABLE = (ImportStatus.VALID, ImportStatus.FAILED)


def import_job_commit_request(*, job: ImportJob, by: Any) -> ImportJob:
    """Start the commit of a checked job (again, after a failure or a killed worker)."""
    if not permissions.can_import(by):
        raise PermissionDenied
    job.refresh_from_db()
    if job.status not in COMMITTABLE and not job.is_stale:
        raise ValidationError(
            _("Deze import kan nu niet worden doorgevoerd (%(s)s).")
            % {"s": job.get_status_display()}
        )
    audit("import.commit_requested", by=by, job=job.pk, kind=job.kind)
    with transaction.atomic():
        _update(job, status=ImportStatus.COMMITTING, processed_rows=0, message="")
        if job.run_in_background:
            job_enqueue(task=COMMIT_TASK, kwargs={"job_id": job.pk})
            return job
    return import_job_commit(job_id=job.pk)


def _write_version(job: ImportJob, plan: Plan) -> list:
    """A division import: the version through the generic division path, then a revision
    per region it wrote."""
    version_plan = plan.version
    if version_plan.version.source is None:
        version_plan.version = dataclasses.replace(
            version_plan.version, source=registration_source()
        )
    touched = [a.arrangement_id for a in version_plan.assignments if a.arrangement_id]
    existing = [*touched, *version_plan.regions_to_end]
    before = arrangement_states(ids=existing)
    versions = dict(Arrangement.objects.filter(pk__in=existing).values_list("pk", "version"))
    try:
        result = division_version_apply(plan=version_plan)
    except VersionError as exc:
        raise ValidationError(str(exc)) from exc
    plan.summary["indelingId"] = result.division.pk
    return import_revisions_record(
        arrangement_ids=result.written_regions,
        before=before,
        versions=versions,
        reason=job.reason,
        created_by=job.created_by,
        by_label=user_label(user=job.created_by),
        import_job_id=job.pk,
    )


def _write(job: ImportJob, plan: Plan) -> dict[str, Any] | None:
    """Write the plan and mark the job committed; its summary, or None when another run had
    committed it already."""
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status == ImportStatus.COMMITTED:
            return None
        if plan.version is not None:
            revisions = _write_version(job, plan)
        else:
            revisions = states_write(writes=plan.writes)
        summary = dict(plan.summary, geschreven=len(revisions))
        _update(
            locked,
            status=ImportStatus.COMMITTED,
            committed_at=timezone.now(),
            summary=summary,
            warnings=plan.warnings,
            processed_rows=locked.total_rows,
        )
    return summary


def import_job_commit(*, job_id: int) -> ImportJob:
    """Check the file again and write it, all or nothing."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status == ImportStatus.COMMITTED:
        return job
    try:
        plan = _plan(job)
    except FileProblem as exc:
        return _update(job, status=ImportStatus.FAILED, message=str(exc))
    if plan.errors:
        return _update(
            job,
            status=ImportStatus.INVALID,
            errors=plan.errors,
            preview=plan.preview,
            message=_("De gegevens zijn sinds de controle veranderd; er is niets gewijzigd."),
        )
    for write in plan.writes:
        write.by_label = user_label(user=job.created_by) if not write.by_label else write.by_label
    try:
        summary = _write(job, plan)
    except (StaleVersion, ValidationError) as exc:
        return _update(
            job,
            status=ImportStatus.FAILED,
            message=_("Niet doorgevoerd, er is niets gewijzigd: %(e)s") % {"e": _message(exc)},
        )
    if summary is not None:
        audit(
            "import.committed",
            by=job.created_by,
            job=job.pk,
            kind=job.kind,
            written=summary.get("geschreven"),
            division=summary.get("indelingId"),
        )
    return ImportJob.objects.get(pk=job.pk)


def _message(exc: Exception) -> str:
    if isinstance(exc, StaleVersion):
        return _("samenwerkingsverband(en) %(ids)s zijn intussen gewijzigd") % {
            "ids": ", ".join(map(str, exc.current))
        }
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


def import_job_fail(*, job_id: int, message: str) -> None:
    """Mark a job failed (e.g. it ran out of time); its transaction was rolled back."""
    ImportJob.objects.filter(pk=job_id).exclude(status=ImportStatus.COMMITTED).update(
        status=ImportStatus.FAILED, message=message, updated_at=timezone.now()
    )
