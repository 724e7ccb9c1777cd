"""``/imports``: bulk import of arrangements or a new division (moderators)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations import permissions
from collaborations.registration.choices import ImportKind, ImportStatus
from collaborations.registration.selectors.history import import_job_get, import_jobs
from collaborations.registration.services.imports import (
    import_job_commit_request,
    import_job_create,
)

from ... import docs_registration as docs
from ...exceptions import Conflict
from .base import IMPORT_ID, WriteView
from .io import job_out, validation_error

TAGS = ["import"]
OPTION_NAMES = {
    "indelingNaam": "name",
    "indelingCode": "slug",
    "jaar": "year",
    "peildatum": "reference_date",
    "domein": "domain",
    "soortIndeling": "kind",
    "rechtsvormFamilie": "legal_form_family",
    "rechtsvorm": "legal_form",
    "verplicht": "is_mandatory",
    "voorvoegsel": "region_prefix",
    "omschrijving": "description",
    "vervangt": "supersedes",
}
ERROR_NAMES = {v: k for k, v in OPTION_NAMES.items()} | {
    "file": "bestand",
    "reason": "reden",
    "kind": "soort",
    "themes": "themas",
}


def _importer(request: Request) -> None:
    if not permissions.can_import(request.user):
        raise PermissionDenied


def _options(data: dict) -> dict:
    options = {OPTION_NAMES[k]: v for k, v in data.items() if k in OPTION_NAMES}
    if options.get("reference_date"):
        options["reference_date"] = options["reference_date"].isoformat()
    options["themes"] = [t.strip() for t in (data.get("themas") or "").split(",") if t.strip()]
    return options


class ImportListView(WriteView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="importsZoeken",
        summary="Recente imports (moderatoren)",
        responses={200: docs.ImportJobListSchema, **docs.FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        _importer(request)
        jobs = list(import_jobs(limit=50))
        return Response({"totaal": len(jobs), "imports": [job_out(j, full=False) for j in jobs]})

    @extend_schema(
        operation_id="importStarten",
        summary="Bestand uploaden en controleren",
        description=(
            "Uploadt een CSV- of XLSX-bestand (samenwerkingsverbanden volgens het sjabloon, of "
            "een tabel gemeente → regio voor een nieuwe indeling) en controleert het zonder iets "
            "op te slaan: per rij wat er zou gebeuren, en elke fout met rij en kolom. Kleine "
            "bestanden meteen (201), grote op de achtergrond (202; volg `Location`). Doorvoeren "
            "doet `POST /imports/{id}/doorvoeren`."
        ),
        request={"multipart/form-data": docs.ImportInSerializer},
        responses={201: docs.ImportJobSchema, 202: docs.ImportJobSchema, **docs.FORBIDDEN},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        _importer(request)
        data = self.parsed(docs.ImportInSerializer, request)
        options = _options(data) if data["soort"] == ImportKind.DIVISION else None
        try:
            job = import_job_create(
                by=request.user,
                kind=data["soort"],
                upload=data["bestand"],
                reason=data["reden"],
                options=options,
            )
        except ValidationError as exc:
            raise validation_error(exc, ERROR_NAMES) from exc
        status = 202 if job.status == ImportStatus.UPLOADED else 201
        return Response(job_out(job), status, headers={"Location": f"/api/v1/imports/{job.pk}"})


class ImportDetailView(WriteView):
    parameters = (IMPORT_ID,)

    @extend_schema(
        operation_id="importOphalen",
        summary="Status, voorbeeld en fouten van een import",
        responses={200: docs.ImportJobSchema, **docs.FORBIDDEN, **docs.NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, id: int) -> Response:
        _importer(request)
        job = import_job_get(pk=id)
        if job is None:
            raise Http404
        return Response(job_out(job))


class ImportCommitView(WriteView):
    parameters = (IMPORT_ID,)

    @extend_schema(
        operation_id="importDoorvoeren",
        summary="Een gecontroleerde import doorvoeren",
        description=(
            "Controleert het bestand opnieuw tegen de gegevens van nu en slaat alles in één "
            "transactie op, of niets. Grote imports op de achtergrond (202)."
        ),
        request=None,
        responses={
            200: docs.ImportJobSchema,
            202: docs.ImportJobSchema,
            409: docs.described("De import is niet (meer) door te voeren."),
            **docs.FORBIDDEN,
            **docs.NOT_FOUND,
        },
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        _importer(request)
        job = import_job_get(pk=id)
        if job is None:
            raise Http404
        try:
            job = import_job_commit_request(job=job, by=request.user)
        except ValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        if job.status == ImportStatus.COMMITTING:
            return Response(job_out(job), 202)
        if job.status != ImportStatus.COMMITTED:
            raise Conflict(job.message or "De import is niet doorgevoerd; er is niets gewijzigd.")
        return Response(job_out(job))
