"""``/beoordelingen``: the review queue of moderators, and their decisions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations import permissions
from collaborations.registration.selectors.history import review_queue, submission_get
from collaborations.registration.services.submissions import (
    submission_approve,
    submission_reject,
    submission_request_changes,
)

from ... import docs_registration as docs
from ...pagination import page_headers, page_of
from ...params import PAGE
from .base import SUBMISSION_ID, WriteView
from .io import etag, submission_out

TAGS = ["beoordeling"]


def _reviewer(request: Request) -> None:
    if not permissions.can_review(request.user):
        raise PermissionDenied


class ReviewListView(WriteView):
    parameters = PAGE

    @extend_schema(
        operation_id="beoordelingenZoeken",
        summary="Wachtrij voor beoordeling (moderatoren)",
        description="Registraties die wachten op beoordeling, oudste eerst.",
        responses={200: docs.RegistrationListSchema, **docs.FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        _reviewer(request)
        page, rows = page_of(request, review_queue(), self.params)
        body = {"totaal": page.total, "registraties": [submission_out(s) for s in rows]}
        return Response(body, headers=page_headers(page))


class ApproveView(WriteView):
    parameters = (SUBMISSION_ID,)

    @extend_schema(
        operation_id="registratieGoedkeuren",
        summary="Goedkeuren en publiceren",
        description=(
            "Publiceert de registratie. Een voorgestelde wijziging wordt per veld toegepast op "
            "het samenwerkingsverband zoals het nu is; heeft iemand intussen dezelfde velden "
            "gewijzigd, dan volgt 409 en verandert er niets."
        ),
        request=docs.MessageInSerializer,
        responses={
            200: docs.WrittenSchema,
            409: docs.described("Conflict met een latere wijziging."),
            **docs.FORBIDDEN,
            **docs.NOT_FOUND,
        },
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        _reviewer(request)
        data = self.parsed(docs.MessageInSerializer, request)
        submission = _submission(id)
        revision = submission_approve(
            submission=submission, by=request.user, message=data.get("toelichting", "")
        )
        body = {"status": "gepubliceerd", "samenwerkingsverband": revision.arrangement_id}
        body |= {"versie": revision.version, "waarschuwingen": []}
        return Response(body, headers={"ETag": etag(revision.arrangement_id, revision.version)})


class RejectView(WriteView):
    parameters = (SUBMISSION_ID,)

    @extend_schema(
        operation_id="registratieAfwijzen",
        summary="Afwijzen met een reden",
        description="De indiener ziet de reden bij de registratie.",
        request=docs.ReasonInSerializer,
        responses={200: docs.RegistrationSchema, **docs.FORBIDDEN, **docs.NOT_FOUND},
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        _reviewer(request)
        data = self.parsed(docs.ReasonInSerializer, request)
        submission = _submission(id)
        submission = submission_reject(submission=submission, by=request.user, reason=data["reden"])
        return Response(submission_out(submission))


class RequestChangesView(WriteView):
    parameters = (SUBMISSION_ID,)

    @extend_schema(
        operation_id="registratieAanpassingVragen",
        summary="Aanpassing vragen aan de indiener",
        request=docs.RequiredMessageInSerializer,
        responses={200: docs.RegistrationSchema, **docs.FORBIDDEN, **docs.NOT_FOUND},
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        _reviewer(request)
        data = self.parsed(docs.RequiredMessageInSerializer, request)
        submission = _submission(id)
        submission = submission_request_changes(
            submission=submission, by=request.user, message=data["toelichting"]
        )
        return Response(submission_out(submission))


def _submission(pk: int):
    submission = submission_get(pk=pk)
    if submission is None:
        raise Http404
    return submission
