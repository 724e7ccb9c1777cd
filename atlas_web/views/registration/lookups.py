"""JSON endpoints of the form: search-as-you-type for members and partners, and the footprint
preview of the chosen municipalities."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from collaborations.registration.selectors.lookups import (
    footprint_preview,
    member_search,
    organisation_search,
)

MAX_QUERY = 100


def _day(request: HttpRequest) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return None


@require_GET
@login_required
def member_search_view(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "")[:MAX_QUERY]
    return JsonResponse({"resultaten": member_search(text=text, day=_day(request))})


@require_GET
@login_required
def organisation_search_view(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "")[:MAX_QUERY]
    return JsonResponse({"resultaten": organisation_search(text=text)})


@require_GET
@login_required
def footprint_preview_view(request: HttpRequest) -> JsonResponse:
    codes = [c.strip().upper() for raw in request.GET.getlist("gemeente") for c in raw.split(",")]
    return JsonResponse(footprint_preview(codes=[c for c in codes if c][:200], day=_day(request)))
