"""Health endpoints, failing open on a cache that is down (counted and logged), and 503 while
the database is away (regioatlas/health.py, regioatlas/resilience.py). In-process; the same
on real servers that are killed and restarted: tests/live/test_faults.py."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from collaborations.core.models import WorkerHeartbeat
from regioatlas import health
from regioatlas.celery import app
from regioatlas.resilience import FailOpenLogFilter, failures
from tests.factories import MunicipalityFactory
from tests.harness.processes import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis_cache(settings):
    """The default cache on a Redis port where nobody listens, configured as in production."""
    failures.reset()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    yield
    failures.reset()


@pytest.fixture
def broker_up(monkeypatch):
    monkeypatch.setattr(health, "_broker", lambda: {"status": "up"})


def test_liveness_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_when_every_part_is_up(client, broker_up):
    MunicipalityFactory()
    WorkerHeartbeat.objects.create(worker="celery@test", seen_at=timezone.now())
    response = client.get("/health/ready")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert {name: part["status"] for name, part in report["checks"].items()} == {
        "database": "up",
        "data": "up",
        "cache": "up",
        "broker": "up",
        "worker": "up",
    }
    assert report["checks"]["data"]["municipalities"] == 1
    assert report["jobs"]["unfinished"] == 0
    assert "no-store" in response["Cache-Control"]


def test_ready_without_data_is_503(client, broker_up):
    report = client.get("/health/ready")
    assert report.status_code == 503
    assert report.json()["status"] == "unavailable"
    assert report.json()["checks"]["data"] == {
        "status": "empty",
        "municipalities": 0,
        "version": "0",
        "ms": report.json()["checks"]["data"]["ms"],
    }


def test_ready_reports_the_parts_that_are_down(client, dead_redis_cache, monkeypatch):
    MunicipalityFactory()
    old = timezone.now() - datetime.timedelta(hours=1)
    WorkerHeartbeat.objects.create(worker="celery@test", seen_at=old)
    monkeypatch.setattr(app.conf, "broker_write_url", f"redis://127.0.0.1:{free_port()}/0")
    cache.get("something")  # one read that failed open
    response = client.get("/health/ready")
    assert response.status_code == 200  # the site can serve: degraded, not unavailable
    report = response.json()
    checks = report["checks"]
    assert report["status"] == "degraded"
    assert checks["cache"]["status"] == "down" and checks["cache"]["error"] == "ConnectionError"
    assert checks["cache"]["failOpen"]["count"] == 1
    assert checks["broker"]["status"] == "down"
    assert checks["worker"]["status"] == "stale" and checks["worker"]["heartbeatAgeSeconds"] > 3000
    assert "127.0.0.1" not in response.content.decode()  # no addresses, no secrets


def test_ready_when_the_database_is_down(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", down)
    response = client.get("/health/ready")
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unavailable"
    assert report["checks"]["database"]["status"] == "down"
    assert report["checks"]["data"]["status"] == report["checks"]["worker"]["status"] == "unknown"


@pytest.fixture
def logging_configured_twice():
    """django.setup() a second time (get_wsgi_application() does it) adds the LOGGING filters
    to the loggers again: the cache logger then has two fail-open filters."""
    logger = logging.getLogger("regioatlas.cache")
    second = FailOpenLogFilter(part="cache")
    logger.addFilter(second)
    yield
    logger.removeFilter(second)


def test_a_cache_that_is_down_is_a_miss_counted_and_logged_once(
    dead_redis_cache, logging_configured_twice, caplog
):
    with caplog.at_level(logging.WARNING, logger="regioatlas.cache"):
        assert cache.get("key") is None
        cache.set("key", "value")  # a no-op, no exception
        assert cache.get("key", "default") == "default"
    assert failures.snapshot("cache")["count"] == 3
    lines = [r for r in caplog.records if r.name == "regioatlas.cache"]
    assert len(lines) == 1 and "cache unavailable, failing open" in lines[0].getMessage()
    assert lines[0].levelname == "WARNING" and lines[0].exc_info is None


@pytest.fixture
def one_request_a_minute(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/min", "user": "1/min"})


def test_throttling_works_with_a_cache(client, one_request_a_minute):
    cache.clear()
    assert client.get("/api/v1/themas").status_code == 200
    assert client.get("/api/v1/themas").status_code == 429


def test_throttling_fails_open_when_the_cache_is_down(
    client, one_request_a_minute, dead_redis_cache
):
    statuses = [client.get("/api/v1/themas").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert failures.snapshot("cache")["count"] >= 3  # counted, not silent


def _database_gone(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_the_api_answers_503_while_the_database_is_away(client, monkeypatch):
    monkeypatch.setattr("atlas_api.views.themes.theme_list", _database_gone)
    response = client.get("/api/v1/themas")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"
    assert response.json()["status"] == 503


def test_a_page_answers_503_while_the_database_is_away(monkeypatch):
    monkeypatch.setattr("atlas_web.views.statistics.theme_counts", _database_gone)
    response = Client(raise_request_exception=False).get("/statistieken")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Even niet beschikbaar" in response.content.decode()


def test_other_errors_stay_500(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("atlas_web.views.statistics.theme_counts", broken)
    assert Client(raise_request_exception=False).get("/statistieken").status_code == 500


def test_signed_in_clients_have_the_user_rate(client, one_request_a_minute, django_user_model):
    """Anonymous clients are limited by the anon rate alone; signed-in ones by the user rate
    (atlas_api.throttling.SignedInRateThrottle)."""
    cache.clear()
    client.force_login(django_user_model.objects.create_user(username="lezer"))
    assert client.get("/api/v1/themas").status_code == 200
    assert client.get("/api/v1/themas").status_code == 429
