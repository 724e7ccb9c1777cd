"""Registration by municipal staff: editor roles, the review queue (submissions), the history
of every change (revisions), confirmations ("still correct") and bulk import jobs.

The rules of who may do what are in :mod:`collaborations.permissions`; the writes in
:mod:`collaborations.registration.services`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collaborations.arrangements.models import Arrangement
from collaborations.registration.choices import (
    OPEN_STATUSES,
    RUNNING_IMPORT_STATUSES,
    ImportKind,
    ImportStatus,
    RevisionKind,
    SubmissionKind,
    SubmissionStatus,
)

USER = settings.AUTH_USER_MODEL


class ArrangementConfirmation(models.Model):
    """When an arrangement was last confirmed as still correct, and by whom."""

    arrangement = models.OneToOneField(
        Arrangement, on_delete=models.CASCADE, primary_key=True, related_name="confirmation"
    )
    last_confirmed_at = models.DateTimeField(_("laatst bevestigd op"))
    last_confirmed_by = models.ForeignKey(
        USER,
        verbose_name=_("laatst bevestigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_label = models.CharField(_("bevestigd door (rol)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("bevestiging")
        verbose_name_plural = _("bevestigingen")

    def __str__(self) -> str:
        return f"{self.arrangement_id} @ {self.last_confirmed_at:%Y-%m-%d}"


class Submission(models.Model):
    """A proposed arrangement or change, waiting in the review queue. ``proposed`` is the whole
    proposed state (see services.registration.state); for a change, ``base_state`` and
    ``base_version`` are what the submitter saw, so that approval can merge field by field."""

    kind = models.CharField(_("soort"), max_length=20, choices=SubmissionKind.choices)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
        db_index=True,
    )
    arrangement = models.ForeignKey(
        Arrangement,
        verbose_name=_("samenwerkingsverband"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    is_suggestion = models.BooleanField(
        _("suggestie"),
        default=False,
        help_text=_("De indiener mag dit samenwerkingsverband niet zelf wijzigen."),
    )
    submitted_by = models.ForeignKey(
        USER,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="regioatlas_submissions",
    )
    by_label = models.CharField(_("indiener (rol)"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    reason = models.CharField(_("reden"), max_length=500)
    proposed = models.JSONField(_("voorstel"))
    base_state = models.JSONField(_("uitgangssituatie"), null=True, blank=True)
    base_version = models.PositiveIntegerField(_("versie bij indienen"), null=True, blank=True)
    warnings = models.JSONField(_("waarschuwingen"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name=_("beoordeeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_message = models.TextField(_("toelichting van de moderator"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="nieuw") | Q(base_version__isnull=False),
                name="submission_change_has_base",
            ),
        ]
        indexes = [models.Index(fields=["submitted_by", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}: {self.proposed.get('name', '')}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SubmissionEvent(models.Model):
    """One step in a submission's life: submitted, revised, changes requested, approved..."""

    class Action(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend")
        REVISED = "aangepast", _("Aangepast en opnieuw ingediend")
        CHANGES_REQUESTED = "aanpassing-gevraagd", _("Aanpassing gevraagd")
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        REJECTED = "afgewezen", _("Afgewezen")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("actie"), max_length=30, choices=Action.choices)
    at = models.DateTimeField(_("op"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    by_label = models.CharField(_("door (rol)"), max_length=255, blank=True)
    message = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stap van een inzending")
        verbose_name_plural = _("stappen van inzendingen")

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action}"


class ArrangementRevision(models.Model):
    """One version of an arrangement: who, when, what (field-level ``changes``) and why
    (``reason``), with the whole ``state`` after the change so a moderator can revert to it."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("versie"))
    kind = models.CharField(_("soort"), max_length=20, choices=RevisionKind.choices)
    created_at = models.DateTimeField(_("op"), default=timezone.now)
    created_by = models.ForeignKey(
        USER, verbose_name=_("door"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_label = models.CharField(_("door (rol)"), max_length=255, blank=True)
    approved_by = models.ForeignKey(
        USER,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reden"), max_length=500)
    changes = models.JSONField(_("wijzigingen"), default=dict)
    state = models.JSONField(_("stand na de wijziging"))
    submission = models.ForeignKey(
        Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    reverted_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    import_job = models.ForeignKey(
        "ImportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )

    class Meta:
        ordering = ["arrangement", "-version"]
        verbose_name = _("versie van een samenwerkingsverband")
        verbose_name_plural = _("versies van samenwerkingsverbanden")
        constraints = [
            models.UniqueConstraint(
                fields=["arrangement", "version"], name="revision_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.arrangement_id} v{self.version}"


def _import_path(instance: ImportJob, filename: str) -> str:
    return f"imports/{timezone.now():%Y/%m}/{filename}"


class ImportJob(models.Model):
    """One bulk import: the uploaded file, the dry-run preview, progress and the outcome.
    Commit is all-or-nothing; a job killed halfway leaves the data as it was."""

    kind = models.CharField(_("soort"), max_length=30, choices=ImportKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImportStatus.choices,
        default=ImportStatus.UPLOADED,
        db_index=True,
    )
    file = models.FileField(_("bestand"), upload_to=_import_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    file_format = models.CharField(_("formaat"), max_length=10, blank=True)
    encoding = models.CharField(_("tekenset"), max_length=20, blank=True)
    options = models.JSONField(_("instellingen"), default=dict, blank=True)
    reason = models.CharField(_("reden"), max_length=500)
    created_by = models.ForeignKey(
        USER, verbose_name=_("door"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    run_in_background = models.BooleanField(_("op de achtergrond"), default=False)
    task_id = models.CharField(max_length=255, blank=True)
    total_rows = models.PositiveIntegerField(_("rijen"), default=0)
    processed_rows = models.PositiveIntegerField(_("verwerkt"), default=0)
    preview = models.JSONField(_("voorbeeld"), default=list, blank=True)
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    warnings = models.JSONField(_("waarschuwingen"), default=list, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    message = models.TextField(_("melding"), blank=True)
    committed_at = models.DateTimeField(_("doorgevoerd op"), null=True, blank=True)

    #: A running job whose row has not been touched for this long is taken as killed.
    STALE_AFTER = datetime.timedelta(minutes=35)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}: {self.original_name}"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_stale(self) -> bool:
        """Running for longer than any task may: its worker died."""
        return (
            self.status in RUNNING_IMPORT_STATUSES
            and self.updated_at is not None
            and timezone.now() - self.updated_at > self.STALE_AFTER
        )


__all__ = [
    "ArrangementConfirmation",
    "ArrangementRevision",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "RevisionKind",
    "Submission",
    "SubmissionEvent",
    "SubmissionKind",
    "SubmissionStatus",
]
