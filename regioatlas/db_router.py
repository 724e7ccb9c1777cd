"""Reads from a streaming replica, writes to the primary, and read-your-writes
(docs/operations.md, "Past one machine").

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database alias, this router and
:class:`ReadReplicaMiddleware`. Reads go to the replica only inside a web request that may use
it: a safe method (GET, HEAD, OPTIONS) from a client that has not written in the last
``REGIOATLAS_PRIMARY_PIN_SECONDS`` seconds. Everything else reads the primary: unsafe requests,
a client pinned after its own write (a signed cookie set by the middleware), reads inside a
transaction, Celery tasks, management commands and the shell. Without the variable nothing of
this is installed and every query goes to ``default`` as before.

A replica that cannot be reached is handled by its database backend
(``regioatlas.db_replica``): a failed connection is replaced by one to the primary and the
replica is left alone for a short cool-off (:data:`replica_health`)."""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.core import signing
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "regioatlas_primary"
PIN_SALT = "regioatlas.db_router.pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: True while the current request may read from the replica (set by the middleware).
replica_allowed: ContextVar[bool] = ContextVar("regioatlas_replica_allowed", default=False)


class ReplicaHealth:
    """Whether the replica may be tried now: after a failed connection it is skipped for
    ``REGIOATLAS_REPLICA_COOL_OFF_SECONDS`` (per process, shared by its threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down_until = 0.0
        self.failures = 0

    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def mark_down(self) -> None:
        cool_off = float(getattr(settings, "REGIOATLAS_REPLICA_COOL_OFF_SECONDS", 10.0))
        with self._lock:
            self._down_until = time.monotonic() + cool_off
            self.failures += 1

    def reset(self) -> None:
        with self._lock:
            self._down_until = 0.0
            self.failures = 0


replica_health = ReplicaHealth()


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    """Writes and migrations on the primary; reads on the replica when the request allows it
    and the replica is healthy."""

    def db_for_read(self, model, **hints) -> str:
        if not replica_allowed.get() or not replica_configured():
            return PRIMARY
        if connections[PRIMARY].in_atomic_block or not replica_health.available():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


def _pin_seconds() -> int:
    return int(getattr(settings, "REGIOATLAS_PRIMARY_PIN_SECONDS", 10))


def client_pinned(request) -> bool:
    """The client wrote within the pin window (its signed cookie is valid and young)."""
    try:
        request.get_signed_cookie(PIN_COOKIE, salt=PIN_SALT, max_age=_pin_seconds())
    except (KeyError, signing.BadSignature):
        return False
    return True


class ReadReplicaMiddleware:
    """Lets safe requests of clients that did not just write read from the replica; after a
    successful unsafe request, pins its client to the primary for
    ``REGIOATLAS_PRIMARY_PIN_SECONDS`` with a signed cookie (read-your-writes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        use_replica = request.method in SAFE_METHODS and not client_pinned(request)
        token = replica_allowed.set(use_replica)
        try:
            response = self.get_response(request)
        finally:
            replica_allowed.reset(token)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=_pin_seconds(),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
