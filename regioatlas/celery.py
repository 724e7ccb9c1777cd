"""Celery application: reads its configuration from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

app = Celery("regioatlas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
