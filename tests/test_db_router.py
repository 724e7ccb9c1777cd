"""The read replica router (regioatlas.db_router): without DATABASE_REPLICA_URL everything
reads and writes the primary as before; with it, safe requests read the replica, a client that
wrote is pinned to the primary (signed cookie), and a replica that refuses connections is
replaced by the primary for a cool-off. On real servers: tests/scaleout/test_scaleout.py."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from regioatlas import db_router
from regioatlas.db_replica.base import DatabaseWrapper as ReplicaWrapper
from tests.harness.processes import free_port

router = db_router.PrimaryReplicaRouter()


@pytest.fixture
def with_replica(settings, monkeypatch):
    """As with DATABASE_REPLICA_URL set (the alias itself is made by each test)."""
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    db_router.replica_health.reset()
    yield settings
    db_router.replica_health.reset()


def test_without_a_replica_nothing_changes():
    assert "replica" not in django_settings.DATABASES
    assert not getattr(django_settings, "DATABASE_ROUTERS", [])
    assert "regioatlas.db_router.ReadReplicaMiddleware" not in django_settings.MIDDLEWARE
    token = db_router.replica_allowed.set(True)
    try:
        assert router.db_for_read(None) == "default"  # no alias: the primary
    finally:
        db_router.replica_allowed.reset(token)


def test_reads_go_to_the_replica_only_where_the_request_allows_it(with_replica, monkeypatch):
    assert router.db_for_read(None) == "default"  # tasks, commands, the shell
    token = db_router.replica_allowed.set(True)
    try:
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
        with monkeypatch.context() as patch:  # reads in a transaction belong to it
            patch.setattr(connections["default"], "in_atomic_block", True)
            assert router.db_for_read(None) == "default"
        db_router.replica_health.mark_down()
        assert router.db_for_read(None) == "default"  # cooling off
    finally:
        db_router.replica_allowed.reset(token)
    assert router.allow_migrate("default", "collaborations")
    assert not router.allow_migrate("replica", "collaborations")


def _through_middleware(request, status=200):
    seen = {}

    def view(req):
        seen["allowed"] = db_router.replica_allowed.get()
        return HttpResponse(status=status)

    response = db_router.ReadReplicaMiddleware(view)(request)
    return seen["allowed"], response


def test_a_write_pins_its_client_to_the_primary(settings):
    settings.REGIOATLAS_PRIMARY_PIN_SECONDS = 10
    factory = RequestFactory()
    allowed, response = _through_middleware(factory.get("/api/v1/gemeenten"))
    assert allowed and db_router.PIN_COOKIE not in response.cookies
    allowed, response = _through_middleware(factory.post("/api/v1/samenwerkingsverbanden"))
    assert not allowed
    cookie = response.cookies[db_router.PIN_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]
    pinned = factory.get("/api/v1/gemeenten")
    pinned.COOKIES[db_router.PIN_COOKIE] = cookie.value
    assert _through_middleware(pinned)[0] is False  # read-your-writes
    forged = factory.get("/api/v1/gemeenten")
    forged.COOKIES[db_router.PIN_COOKIE] = "1"
    assert _through_middleware(forged)[0] is True  # an unsigned cookie pins nothing
    _, refused = _through_middleware(factory.post("/x"), status=400)
    assert db_router.PIN_COOKIE not in refused.cookies  # nothing was written


def test_a_pin_expires(settings, monkeypatch):
    settings.REGIOATLAS_PRIMARY_PIN_SECONDS = 10
    factory = RequestFactory()
    _, response = _through_middleware(factory.post("/x"))
    request = factory.get("/")
    request.COOKIES[db_router.PIN_COOKIE] = response.cookies[db_router.PIN_COOKIE].value
    assert db_router.client_pinned(request)
    settings.REGIOATLAS_PRIMARY_PIN_SECONDS = 0
    monkeypatch.setattr("time.time", lambda: 10**10)
    assert not db_router.client_pinned(request)


def test_an_unreachable_replica_is_replaced_by_the_primary(with_replica, db):
    with_replica.REGIOATLAS_REPLICA_COOL_OFF_SECONDS = 30
    primary = connections["default"].settings_dict
    replica = copy.deepcopy(primary)
    replica.update(HOST="127.0.0.1", PORT=str(free_port()))  # nobody listens there
    replica["OPTIONS"]["connect_timeout"] = 2
    wrapper = ReplicaWrapper(replica, alias="replica")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone()[0] == primary["NAME"]  # the read still succeeded
        assert wrapper.fallback and not db_router.replica_health.available()
        assert db_router.replica_health.failures == 1
        assert wrapper.is_usable()  # kept while cooling off
        db_router.replica_health.reset()
        assert not wrapper.is_usable()  # then given up, to try the replica again
    finally:
        wrapper.close()


def test_a_reachable_replica_is_used(with_replica, db):
    wrapper = ReplicaWrapper(copy.deepcopy(connections["default"].settings_dict), alias="replica")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
        assert not wrapper.fallback and db_router.replica_health.available()
    finally:
        wrapper.close()
