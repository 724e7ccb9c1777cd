"""``/samenwerkingsverbanden/{id}/wijzigingen`` (history; a change with If-Match),
``/bevestigingen`` (still correct) and ``/terugzettingen`` (revert, moderators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations import permissions
from collaborations.arrangements.selectors.detail import arrangement_get
from collaborations.registration.selectors.history import arrangement_history, revision_get
from collaborations.registration.selectors.states import arrangement_state
from collaborations.registration.services.history import arrangement_confirm, arrangement_revert
from collaborations.registration.services.submissions import NeedsConfirmation, registration_submit

from ... import docs_registration as docs
from ...conditional import NO_CACHE, none_match, not_modified, validate
from ...exceptions import PreconditionFailed
from .base import ARRANGEMENT_ID, IF_MATCH, WriteView
from .io import (
    Input,
    PreconditionRequired,
    etag,
    if_match_version,
    revision_out,
    submission_out,
    written_out,
)

if TYPE_CHECKING:
    from collaborations.arrangements.models import Arrangement

TAGS = ["registratie"]
#: Who is asking changes what the history shows (names or organisations).
HISTORY_VARY = ("Accept-Encoding", "Accept-Language", "Authorization", "Cookie", "Origin")
ETAG = {
    "ETag": {"description": "Versie van het samenwerkingsverband.", "schema": {"type": "string"}}
}


def _arrangement(request: Request, pk: int) -> Arrangement:
    arrangement = arrangement_get(pk=pk, include_unpublished=True)
    if arrangement is None or not permissions.can_view(request.user, arrangement):
        raise Http404
    return arrangement


def _expected_version(request: Request, arrangement: Arrangement) -> int:
    """The version named by If-Match: 428 when it is missing, 412 when it is not current."""
    version = if_match_version(request.headers.get("If-Match"), arrangement.pk)
    if version is None:
        raise PreconditionRequired
    if version == -1:
        return arrangement.version
    if version != arrangement.version:
        raise PreconditionFailed(
            f"U wijzigt versie {version or '?'}, maar de huidige versie is {arrangement.version} "
            f"(ETag {etag(arrangement.pk, arrangement.version)}). Haal de wijzigingen op en "
            "probeer het opnieuw."
        )
    return version


class ArrangementChangesView(WriteView):
    parameters = {"GET": (ARRANGEMENT_ID,), "POST": (ARRANGEMENT_ID, IF_MATCH)}

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        operation_id="samenwerkingsverbandGeschiedenis",
        summary="Geschiedenis van een samenwerkingsverband",
        description=(
            "Elke wijziging: wie (voor lezers zonder account: de organisatie), wanneer, wat "
            "(per veld, ook leden en thema's) en waarom; nieuwste eerst. De `ETag` is de "
            "huidige versie: stuur haar als `If-Match` mee met een wijziging."
        ),
        responses={
            200: docs.HistorySchema,
            304: docs.described("Niet gewijzigd (If-None-Match)."),
            **docs.NOT_FOUND,
        },
        tags=TAGS,
    )
    def get(self, request: Request, id: int) -> Response:
        arrangement = _arrangement(request, id)
        tag = etag(arrangement.pk, arrangement.version)
        if none_match(request._request, tag):
            return not_modified(tag, cache_control=NO_CACHE, vary=HISTORY_VARY)
        history = arrangement_history(arrangement_id=id)
        authenticated = request.user.is_authenticated
        confirmation = history["confirmation"]
        body = {
            "samenwerkingsverband": id,
            "versie": history["version"],
            "laatstBevestigd": {
                "op": confirmation["last_confirmed_at"],
                "door": (confirmation["by_label"] if authenticated else confirmation["public_by"])
                or None,
            }
            if confirmation
            else None,
            "wijzigingen": [
                revision_out(r, authenticated=authenticated) for r in history["revisions"]
            ],
        }
        response = Response(body)
        return validate(response, tag, cache_control=NO_CACHE, vary=HISTORY_VARY)

    @extend_schema(
        operation_id="samenwerkingsverbandWijzigen",
        summary="Een samenwerkingsverband wijzigen",
        description=(
            "Alleen de meegestuurde velden veranderen; `leden` is, als u het meestuurt, de hele "
            "nieuwe lijst. `If-Match` is verplicht (de ETag uit de geschiedenis): is het "
            "samenwerkingsverband intussen gewijzigd, dan volgt 412 en verandert er niets. "
            "Mag u het direct wijzigen (redacteur van een deelnemende gemeente of van het "
            "secretariaat, of moderator), dan 201 met de nieuwe versie; anders wordt het een "
            "voorstel voor de moderator (202)."
        ),
        request=docs.ChangeInSerializer,
        responses={
            201: docs.WrittenSchema,
            202: docs.QueuedSchema,
            409: docs.described("Waarschuwingen om te bevestigen."),
            412: docs.described("If-Match komt niet overeen met de huidige versie."),
            428: docs.described("If-Match ontbreekt."),
            **docs.FORBIDDEN,
            **docs.NOT_FOUND,
        },
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        arrangement = _arrangement(request, id)
        if not permissions.can_suggest(request.user, arrangement):
            raise PermissionDenied
        data = self.parsed(docs.ChangeInSerializer, request)
        version = _expected_version(request, arrangement)
        source = Input(data, current=arrangement_state(arrangement_id=id))
        try:
            outcome = registration_submit(
                by=request.user,
                state=source.state,
                reason=data["reden"],
                arrangement=arrangement,
                expected_version=version,
                as_suggestion=data.get("alsVoorstel", False),
                confirm_warnings=data.get("bevestigWaarschuwingen", False),
            )
        except ValidationError as exc:
            raise source.api_error(exc) from exc
        except NeedsConfirmation as exc:
            raise source.warnings_error(exc.warnings) from exc
        if outcome.applied:
            headers = {"ETag": etag(id, outcome.revision.version)}
            return Response(written_out(outcome.revision, outcome.warnings), 201, headers=headers)
        body = {"status": "ingediend", "registratie": submission_out(outcome.submission)}
        headers = {"Location": f"/api/v1/registraties/{outcome.submission.pk}"}
        return Response(body, 202, headers=headers)


class ArrangementConfirmView(WriteView):
    parameters = (ARRANGEMENT_ID,)

    @extend_schema(
        operation_id="samenwerkingsverbandBevestigen",
        summary="Bevestigen dat een samenwerkingsverband nog klopt",
        description="Voor wie het samenwerkingsverband direct mag wijzigen.",
        request=None,
        responses={200: docs.ConfirmationSchema, **docs.FORBIDDEN, **docs.NOT_FOUND},
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        arrangement = _arrangement(request, id)
        confirmation = arrangement_confirm(arrangement=arrangement, by=request.user)
        return Response(
            {"op": confirmation.last_confirmed_at, "door": confirmation.by_label or None}
        )


class ArrangementRevertView(WriteView):
    parameters = (ARRANGEMENT_ID, IF_MATCH)

    @extend_schema(
        operation_id="samenwerkingsverbandTerugzetten",
        summary="Terugzetten naar een eerdere versie (moderatoren)",
        description="De gekozen versie wordt weer de huidige, als nieuwe versie; er gaat niets verloren.",
        request=docs.RevertInSerializer,
        responses={
            201: docs.WrittenSchema,
            412: docs.described("If-Match komt niet overeen met de huidige versie."),
            428: docs.described("If-Match ontbreekt."),
            **docs.FORBIDDEN,
            **docs.NOT_FOUND,
        },
        tags=TAGS,
    )
    def post(self, request: Request, id: int) -> Response:
        arrangement = _arrangement(request, id)
        if not permissions.can_revert(request.user, arrangement):
            raise PermissionDenied
        data = self.parsed(docs.RevertInSerializer, request)
        version = _expected_version(request, arrangement)
        revision = revision_get(arrangement_id=id, version=data["versie"])
        if revision is None:
            raise ValidationError({"versie": ["Deze versie bestaat niet."]})
        new = arrangement_revert(
            arrangement=arrangement,
            revision=revision,
            by=request.user,
            reason=data["reden"],
            expected_version=version,
        )
        return Response(written_out(new), 201, headers={"ETag": etag(id, new.version)})
