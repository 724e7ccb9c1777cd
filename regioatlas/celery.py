"""Celery application: reads its configuration from Django settings (CELERY_ namespace) and
finds the tasks of every sub-domain (``collaborations/<sub-domain>/tasks.py``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

#: The sub-domains that have background tasks (docs/architecture.md).
TASK_PACKAGES = [
    "collaborations.core",
    "collaborations.tiles",
    "collaborations.clustering",
    "collaborations.registration",
]

app = Celery("regioatlas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(TASK_PACKAGES)
