"""Health endpoints for orchestrators and load balancers (docs/operations.md).

``/health`` is liveness: the process answers, nothing else is touched. It must stay cheap and
must not depend on PostgreSQL or Redis, or an outage of either would get healthy web
processes restarted.

``/health/ready`` is readiness: a small JSON document with each part — database, data loaded,
cache, broker, worker heartbeat — and an overall status. 200 when the site can serve (the
database answers and the data is loaded), 503 otherwise; a cache, broker or worker that is
down makes the site ``degraded``, not unavailable (reads fail open, jobs wait in the outbox).
Never cached, not throttled (a plain Django view), no secrets: error class names only."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from collaborations.core.selectors import outbox_status, worker_heartbeat_age
from collaborations.geography.selectors.loaded import data_loaded_status
from regioatlas.resilience import failures

UP, DOWN = "up", "down"
#: Parts the site cannot serve without.
REQUIRED = ("database", "data")


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _checked(check: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run one check: its report with the time it took, or ``down`` with the error's class."""
    started = time.perf_counter()
    try:
        report = check()
    except Exception as exc:  # any failure of a part is that part being down
        report = {"status": DOWN, "error": type(exc).__name__}
    report["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return report


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": UP}


def _data() -> dict[str, Any]:
    status = data_loaded_status()
    return {"status": UP if status["municipalities"] else "empty", **status}


def _cache() -> dict[str, Any]:
    """A ping past django-redis's IGNORE_EXCEPTIONS (a set/get round trip for other caches),
    and the errors this process failed open on."""
    cache = caches["default"]
    client = getattr(cache, "client", None)
    if hasattr(client, "get_client"):  # django-redis
        client.get_client(write=True).ping()
    else:
        key, token = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache.set(key, token, 10)
        if cache.get(key) != token:
            raise ConnectionError("cache round trip failed")
    return {"status": UP}


def _broker() -> dict[str, Any]:
    with current_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return {"status": UP}


def _worker() -> dict[str, Any]:
    age = worker_heartbeat_age()
    limit = settings.REGIOATLAS_WORKER_STALE_SECONDS
    status = "missing" if age is None else (UP if age <= limit else "stale")
    return {"status": status, "heartbeatAgeSeconds": age, "staleAfterSeconds": limit}


def readiness() -> dict[str, Any]:
    """The readiness document (see the module's docstring)."""
    checks = {"database": _checked(_database)}
    database_up = checks["database"]["status"] == UP
    unknown = {"status": "unknown", "reason": "database down"}
    checks["data"] = _checked(_data) if database_up else unknown
    checks["cache"] = _checked(_cache) | {"failOpen": failures.snapshot("cache")}
    checks["broker"] = _checked(_broker) | {"sendFailures": failures.snapshot("broker")}
    checks["worker"] = _checked(_worker) if database_up else unknown
    jobs = _checked(outbox_status) if database_up else unknown
    if any(checks[name]["status"] != UP for name in REQUIRED):
        status = "unavailable"
    elif any(part["status"] != UP for part in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, "checks": checks, "jobs": jobs}


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    report = readiness()
    return JsonResponse(report, status=503 if report["status"] == "unavailable" else 200)
