"""Reads of the shared kernel: the data version, and what /health/ready reports of the data and the jobs."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asgiref.local import Local
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from collaborations.core.compiled import compiled_query, compiled_rows, version_count
from collaborations.core.models import (
    UNFINISHED_STATUSES,
    DataVersion,
    JobStatus,
    OutboxJob,
    WorkerHeartbeat,
)

DEFAULT_KEY = "data"

#: The data version as read once per request: the conditional and response-cache
#: middleware, the view and its cache keys all ask for it. ``rows`` is a dict only inside
#: :func:`data_version_memo` (regioatlas.middleware wraps every request in it), so jobs and
#: commands always read the table; a bump in the request forgets it (services/versioning.py).
_request_memo = Local()


@contextmanager
def data_version_memo() -> Iterator[None]:
    """Within: the data version of each scope is read from the table once."""
    previous = getattr(_request_memo, "rows", None)
    _request_memo.rows = {}
    try:
        yield
    finally:
        _request_memo.rows = previous


def data_version_forget() -> None:
    """After a bump: the next read in this request reads the table again."""
    rows = getattr(_request_memo, "rows", None)
    if rows is not None:
        rows.clear()


def _version_row(key: str) -> tuple[int, datetime.datetime] | None:
    rows = getattr(_request_memo, "rows", None)
    if rows is not None and key in rows:
        return rows[key]
    found = compiled_rows(compiled_query(key=("data_version", key), build=lambda: _version(key)))
    row = (found[0]["version"], found[0]["changed_at"]) if found else None
    if rows is not None:
        rows[key] = row
    return row


def _version(key: str) -> tuple[QuerySet, None]:
    """The query of the data version (read by every API request: compiled once)."""
    return DataVersion.objects.filter(key=key).values("version", "changed_at")[:1], None


def data_version_state(*, key: str = DEFAULT_KEY) -> tuple[str, datetime.datetime | None]:
    """(version number, when it last changed) of the data in scope ``key``; ("0", None) before
    the first change."""
    row = _version_row(key)
    return (str(row[0]), row[1]) if row else ("0", None)


def data_version(*, key: str = DEFAULT_KEY) -> str:
    """A short token that changes whenever the data in scope ``key`` changes."""
    row = _version_row(key)
    if row is None:
        return "0"
    return f"{row[0]}-{int(row[1].timestamp())}"


def queryset_count(*, queryset: QuerySet, version: str | None) -> int:
    """The number of rows of ``queryset``, kept in the cache per data ``version`` (a token of
    :func:`data_version_state` that the caller already has) and per query
    (core.compiled.version_count). ``version`` None: counted every time."""
    if version is None:
        return queryset.count()
    sql, params = queryset.query.sql_with_params()
    return version_count(version=version, sql=sql, params=params, count=queryset.count)


def _age(moment: datetime.datetime | None, now: datetime.datetime) -> float | None:
    return None if moment is None else round((now - moment).total_seconds(), 1)


def outbox_status(*, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Jobs that still have to run (and the age of the oldest), and jobs that failed."""
    now = now or timezone.now()
    unfinished = Q(status__in=UNFINISHED_STATUSES)
    counts = OutboxJob.objects.filter(unfinished | Q(status=JobStatus.FAILED)).aggregate(
        waiting=Count("pk", filter=Q(status=JobStatus.PENDING)),
        unfinished=Count("pk", filter=unfinished),
        failed=Count("pk", filter=Q(status=JobStatus.FAILED)),
        oldest=Min("created_at", filter=unfinished),
    )
    return {
        "unfinished": counts["unfinished"],
        "waitingForBroker": counts["waiting"],
        "failed": counts["failed"],
        "oldestUnfinishedAgeSeconds": _age(counts["oldest"], now),
    }


def worker_heartbeat_age(*, now: datetime.datetime | None = None) -> float | None:
    """Seconds since the freshest worker heartbeat; None when no worker was ever seen."""
    last = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    return _age(last, now or timezone.now())
