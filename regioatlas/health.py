"""Health endpoints for orchestrators and load balancers (docs/operations.md).

``/health`` is liveness: the process answers, nothing else is touched. It must stay cheap and
must not depend on PostgreSQL or Redis, or an outage of either would get healthy web
processes restarted."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
