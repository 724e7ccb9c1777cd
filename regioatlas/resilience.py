"""Failing open, never silently (docs/operations.md).

When Redis is down the site keeps serving: the cache (django-redis with ``IGNORE_EXCEPTIONS``)
answers every read with a miss and drops every write, so DRF's throttling lets requests
through; a background job that cannot be handed to the broker stays in the outbox. Each such
error is *counted* here, per part (``cache``, ``broker``), and *logged* (at most once per
``REPORT_SECONDS`` per part, with the number of errors since the last report).
``/health/ready`` shows the counts.

The counts live in the memory of one process (each gunicorn worker has its own): they tell
an operator that, and since when, a process has been failing open."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

#: At most one log line per part per this many seconds; the errors between are counted.
REPORT_SECONDS = 10.0


@dataclass
class _Part:
    count: int = 0
    unreported: int = 0
    last_at: float | None = None
    last_error: str = ""
    last_report: float = float("-inf")


class FailureCounter:
    """Thread-safe counts of errors that a part of the site failed open on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parts: dict[str, _Part] = {}

    def record(self, part: str, error: BaseException | str) -> bool:
        """Count one error; True when it should be logged now (the first one in
        ``REPORT_SECONDS``)."""
        name = error if isinstance(error, str) else type(error).__name__
        now = time.monotonic()
        with self._lock:
            state = self._parts.setdefault(part, _Part())
            state.count += 1
            state.unreported += 1
            state.last_at, state.last_error = time.time(), name
            if now - state.last_report < REPORT_SECONDS:
                return False
            state.last_report = now
            return True

    def take_unreported(self, part: str) -> int:
        with self._lock:
            state = self._parts.setdefault(part, _Part())
            count, state.unreported = state.unreported, 0
            return count

    def snapshot(self, part: str) -> dict[str, Any]:
        """``{"count", "lastAt", "lastError"}`` of one part (the error's class name only: no
        host, password or other detail)."""
        with self._lock:
            state = self._parts.get(part, _Part())
            last = state.last_at
            return {
                "count": state.count,
                "lastAt": None if last is None else datetime.fromtimestamp(last, UTC).isoformat(),
                "lastError": state.last_error or None,
            }

    def reset(self) -> None:
        with self._lock:
            self._parts.clear()


failures = FailureCounter()


def fail_open(part: str, error: BaseException, what: str) -> None:
    """Count ``error`` of ``part`` and log it (rate-limited): the caller carries on without
    that part."""
    if failures.record(part, error):
        logger.warning(
            "%s unavailable, failing open (%s): %s: %s (%d errors since the last report)",
            part,
            what,
            type(error).__name__,
            error,
            failures.take_unreported(part),
        )


class FailOpenLogFilter(logging.Filter):
    """A filter for the logger that django-redis reports ignored errors to
    (``DJANGO_REDIS_LOGGER``): it counts each one and turns the full traceback of each into
    one short warning per ``REPORT_SECONDS``."""

    def __init__(self, part: str = "cache") -> None:
        super().__init__()
        self.part = part

    def filter(self, record: logging.LogRecord) -> bool:
        # Logging configured twice leaves two filters on the logger: count a record once.
        decided = getattr(record, "fail_open_logged", None)
        if decided is not None:
            return decided
        error = record.exc_info[1] if record.exc_info else None
        error = error if error is not None else RuntimeError(record.getMessage())
        record.fail_open_logged = failures.record(self.part, error)
        if not record.fail_open_logged:
            return False
        record.msg = "%s unavailable, failing open: %s: %s (%d errors since the last report)"
        record.args = (self.part, type(error).__name__, error, failures.take_unreported(self.part))
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text = None, None
        return True


#: Errors that mean "the database cannot be reached now" (a restart, a crash, a network
#: fault), not "this request is wrong": answered with 503 and Retry-After, not 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE)
