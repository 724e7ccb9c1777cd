"""Models of the shared kernel: the data version (for HTTP validators) and the outbox: every background job is a row,
written in the transaction of the change that needs it (docs/operations.md)."""

from __future__ import annotations

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row per data scope (``key``); ``version`` goes up on every change in that scope."""

    key = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dataversie"
        verbose_name_plural = "dataversies"

    def __str__(self) -> str:
        return f"{self.key}={self.version}"


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")  # not (yet) taken by the broker
    SENT = "sent", _("Verzonden")  # taken by the broker, not yet started
    RUNNING = "running", _("Bezig")  # claimed by a worker
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")  # given up after the last attempt


#: Jobs in these states still have to run.
UNFINISHED_STATUSES = (JobStatus.PENDING, JobStatus.SENT, JobStatus.RUNNING)


class OutboxJob(models.Model):
    """One Celery task to run: its name and keyword arguments (JSON), the task id it is sent
    with (the same on every send, so a duplicate is recognised), and where it stands."""

    task = models.CharField(_("taak"), max_length=200)
    kwargs = models.JSONField(_("argumenten"), default=dict, encoder=DjangoJSONEncoder)
    task_id = models.UUIDField(_("Celery-taak"), default=uuid.uuid4, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    #: Not to be sent before this moment (back-off after a failed attempt).
    available_at = models.DateTimeField(_("niet voor"), default=timezone.now)
    sends = models.PositiveIntegerField(_("keer verzonden"), default=0)
    attempts = models.PositiveIntegerField(_("keer gestart"), default=0)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    #: While running: renewed by the worker every third of REGIOATLAS_OUTBOX_LEASE_SECONDS. A
    #: running job whose lease ran out has lost its worker and may be taken over.
    lease_until = models.DateTimeField(_("geclaimd tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["status", "available_at"],
                name="outbox_unfinished",
                condition=Q(status__in=["pending", "sent", "running"]),
            ),
            models.Index(fields=["finished_at"], name="outbox_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk} ({self.status})"


class WorkerHeartbeat(models.Model):
    """The last sign of life of a Celery worker (written by the periodic outbox sweep and when
    the worker starts); /health/ready reports its age."""

    worker = models.CharField(_("worker"), max_length=200, unique=True)
    seen_at = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("worker-hartslag")
        verbose_name_plural = _("worker-hartslagen")

    def __str__(self) -> str:
        return f"{self.worker} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"
