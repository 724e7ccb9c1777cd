"""Bulk import pages: upload, the dry-run preview with progress, commit, the template and the
error report. Every CSV/XLSX this module writes goes through atlas_api.renderers.safe_cell."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from atlas_api.renderers import safe_cell
from atlas_web.views.registration.forms import IMPORT_FIELDS, ImportForm
from collaborations import permissions
from collaborations.registration.choices import ImportStatus
from collaborations.registration.importers.arrangement_rows import (
    TEMPLATE_COLUMNS,
    TEMPLATE_EXAMPLE,
)
from collaborations.registration.selectors.history import import_job_get, import_jobs
from collaborations.registration.services.imports import (
    import_job_commit_request,
    import_job_create,
    max_bytes,
    max_rows,
)

if TYPE_CHECKING:
    from collaborations.registration.models import ImportJob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIVISION_EXAMPLE = [
    ["Gemeente", "CBS", "Voorbeeldregio's", "Inwoneraantal van regio"],
    ["Utrecht", "0344", "Regio Midden", "500000"],
    ["De Bilt", "0310", "Regio Midden", "500000"],
    ["Amersfoort", "0307", "Regio Oost", "300000"],
]

#: The keys of a job's summary and the actions of its preview, which the job page translates
#: when it shows them ({% translate key %}); listed here for makemessages.
JOB_WORDS = (
    gettext_noop("rijen"),
    gettext_noop("nieuw"),
    gettext_noop("gewijzigd"),
    gettext_noop("ongewijzigd"),
    gettext_noop("fouten"),
    gettext_noop("geschreven"),
    gettext_noop("indeling"),
    gettext_noop("indelingId"),
    gettext_noop("code"),
    gettext_noop("jaar"),
    gettext_noop("regios"),
    gettext_noop("gemeenten"),
    gettext_noop("wijziging"),
)


def _importer(request: HttpRequest) -> None:
    if not permissions.can_import(request.user):
        raise PermissionDenied


def _job(request: HttpRequest, pk: int) -> ImportJob:
    _importer(request)
    job = import_job_get(pk=pk)
    if job is None:
        raise Http404
    return job


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _importer(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                job = import_job_create(
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    reason=form.cleaned_data["reason"],
                    options=form.division_options(),
                )
            except ValidationError as exc:
                errors = (
                    exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
                )
                for key, messages_ in errors.items():
                    for message in messages_:
                        form.add_error(IMPORT_FIELDS.get(key), message)
            else:
                return redirect("registration:import-job", pk=job.pk)
    context = {
        "title": _("Importeren"),
        "form": form,
        "jobs": import_jobs(limit=20),
        "max_mb": max_bytes() / 1e6,
        "max_rows": max_rows(),
        "columns": TEMPLATE_COLUMNS,
    }
    return render(request, "registration/import_upload.html", context, status=status)


def _status(job: ImportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "status": job.status,
        "statusLabel": job.get_status_display(),
        "verwerkt": job.processed_rows,
        "totaal": job.total_rows,
        "procent": job.progress_percent,
        "afgebroken": job.is_stale,
        "klaar": job.status
        not in (ImportStatus.UPLOADED, ImportStatus.VALIDATING, ImportStatus.COMMITTING),
    }


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context = {
        "title": _("Import %(pk)d: %(name)s") % {"pk": job.pk, "name": job.original_name},
        "job": job,
        "status": _status(job),
        "can_commit": job.status in (ImportStatus.VALID, ImportStatus.FAILED) or job.is_stale,
        "status_url": reverse("registration:import-status", args=[job.pk]),
    }
    return render(request, "registration/import_job.html", context)


@login_required
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_status(_job(request, pk)))


@require_POST
@login_required
def job_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        job = import_job_commit_request(job=job, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registration:import-job", pk=pk)
    if job.status == ImportStatus.COMMITTED:
        messages.success(request, _("De import is doorgevoerd."))
    elif job.status == ImportStatus.COMMITTING:
        messages.info(request, _("De import wordt op de achtergrond doorgevoerd."))
    else:
        messages.error(
            request, job.message or _("De import is niet doorgevoerd; er is niets gewijzigd.")
        )
    return redirect("registration:import-job", pk=pk)


def _csv_response(rows: list[list[Any]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(rows: list[list[Any]], filename: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="samenwerkingsverbanden")
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The arrangement template with one example row."""
    _importer(request)
    rows = [list(TEMPLATE_COLUMNS), [TEMPLATE_EXAMPLE.get(c, "") for c in TEMPLATE_COLUMNS]]
    if fmt == "xlsx":
        return _xlsx_response(rows, "regioatlas-sjabloon.xlsx")
    return _csv_response(rows, "regioatlas-sjabloon.csv")


@login_required
def division_example(request: HttpRequest) -> HttpResponse:
    _importer(request)
    return _csv_response(DIVISION_EXAMPLE, "regioatlas-indeling-voorbeeld.csv")


@login_required
def error_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The errors of a job as CSV (cells neutralised against formula injection)."""
    job = _job(request, pk)
    rows = [["rij", "kolom", "melding"]]
    rows += [[e.get("rij"), e.get("kolom"), e.get("melding")] for e in job.errors]
    rows += [
        [e.get("rij"), e.get("kolom"), "waarschuwing: " + e.get("melding", "")]
        for e in job.warnings
    ]
    return _csv_response(rows, f"import-{job.pk}-fouten.csv")
