"""The states of a clustering run."""

from __future__ import annotations

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    SUCCEEDED = "succeeded", _("Klaar")
    FAILED = "failed", _("Mislukt")
    CANCELLED = "cancelled", _("Geannuleerd")


#: A run in one of these states will not change any more (except by an explicit re-run).
FINISHED_STATUSES = (RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED)
