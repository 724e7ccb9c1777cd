"""``/registraties``: register a new arrangement; the submitter's submissions and their status."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations import permissions
from collaborations.registration.selectors.history import submission_get, submissions_of
from collaborations.registration.services.submissions import NeedsConfirmation, registration_submit

from ... import docs_registration as docs
from ...pagination import page_headers, page_of
from ...params import PAGE
from .base import SUBMISSION_ID, WriteView
from .io import Input, etag, submission_out, written_out

TAGS = ["registratie"]


class RegistrationListView(WriteView):
    parameters = {"GET": PAGE}

    @extend_schema(
        operation_id="registratiesVanMij",
        summary="Mijn registraties",
        description="Alles wat u heeft ingediend, nieuwste eerst, met de status.",
        responses={200: docs.RegistrationListSchema, **docs.FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        page, rows = page_of(request, submissions_of(user=request.user), self.params)
        body = {"totaal": page.total, "registraties": [submission_out(s) for s in rows]}
        return Response(body, headers=page_headers(page))

    @extend_schema(
        operation_id="samenwerkingsverbandRegistreren",
        summary="Nieuw samenwerkingsverband registreren",
        description=(
            "Registreert een nieuw samenwerkingsverband. Een moderator publiceert het direct "
            "(201); van een redacteur komt het in de wachtrij voor beoordeling (202, met de "
            "registratie; volg de status via `Location`). Dezelfde controles als het formulier: "
            "ten minste twee leden, kloppende data, leden die toen bestonden, formaat van "
            "KvK-nummer en GR-code; een bestaande naam is een waarschuwing (409) die u "
            "bevestigt met `bevestigWaarschuwingen: true`."
        ),
        request=docs.RegistrationInSerializer,
        examples=[docs.REGISTRATION_EXAMPLE],
        responses={
            201: docs.WrittenSchema,
            202: docs.QueuedSchema,
            409: docs.described("Waarschuwingen om te bevestigen (bijv. de naam bestaat al)."),
            **docs.FORBIDDEN,
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = self.parsed(docs.RegistrationInSerializer, request)
        source = Input(data)
        try:
            outcome = registration_submit(
                by=request.user,
                state=source.state,
                reason=data["reden"],
                confirm_warnings=data["bevestigWaarschuwingen"],
            )
        except ValidationError as exc:
            raise source.api_error(exc) from exc
        except NeedsConfirmation as exc:
            raise source.warnings_error(exc.warnings) from exc
        if outcome.applied:
            pk = outcome.arrangement_id
            headers = {
                "Location": f"/api/v1/samenwerkingsverbanden/{pk}",
                "ETag": etag(pk, outcome.revision.version),
            }
            return Response(written_out(outcome.revision, outcome.warnings), 201, headers=headers)
        submission = outcome.submission
        body = {"status": "ingediend", "registratie": submission_out(submission)}
        return Response(body, 202, headers={"Location": f"/api/v1/registraties/{submission.pk}"})


class RegistrationDetailView(WriteView):
    parameters = (SUBMISSION_ID,)

    @extend_schema(
        operation_id="registratieOphalen",
        summary="Eén registratie en haar status",
        description="Voor de indiener en voor moderatoren.",
        responses={200: docs.RegistrationSchema, **docs.FORBIDDEN, **docs.NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, id: int) -> Response:
        submission = submission_get(pk=id)
        if submission is None or not permissions.can_view_submission(request.user, submission):
            raise Http404
        return Response(submission_out(submission))
