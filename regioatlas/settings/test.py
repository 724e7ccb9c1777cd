"""Test settings: real PostGIS and Redis, fast password hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")

from .base import *  # noqa: F403
from .base import cache_config, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/14")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/15")

# Parallel developers (and CI) can each use their own test database.
DATABASES["default"]["TEST"] = {"NAME": env("DJANGO_TEST_DB_NAME", default="test_regioatlas")}

# In-process tests use a local-memory cache; the live-server harness (tests/harness) gives the
# site a real Redis cache of its own through REGIOATLAS_TEST_CACHE_URL.
CACHES = {"default": cache_config("REGIOATLAS_TEST_CACHE_URL", "locmemcache://")}
# Off in-process (query counts, throttling and outage tests see every request reach the view);
# the live site (tests/harness) turns it on as production has it.
REGIOATLAS_RESPONSE_CACHE = env.bool("REGIOATLAS_RESPONSE_CACHE", default=False)
REST_FRAMEWORK = {**REST_FRAMEWORK}
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
    "anon": "100000/min",
    "user": "100000/min",
    "bre-analyses": "100000/min",
}
# The live-server harness runs gunicorn with DEBUG off: WhiteNoise serves the static files
# straight from the finders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# In-process tests count rate limits in the local-memory cache (one process); the live site
# counts them in its Redis cache. django-ratelimit warns that local memory is not shared.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003", "django_ratelimit.W001"]
