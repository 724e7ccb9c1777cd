"""BRE clustering runs (bestuurlijk regionale ecosystemen): one row per run with its parameters,
status and run-level measures, and its results (clusters and the municipalities' assignments).

A run is a job (docs/bre.md): its results are written under the run and made visible in one
transaction together with ``status = succeeded``; the writes are in
:mod:`collaborations.clustering.services`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collaborations.clustering.choices import FINISHED_STATUSES, RunStatus
from collaborations.geography.models import Municipality

SRID = settings.REGIOATLAS_SRID


class ClusteringRun(models.Model):
    """One clustering of the co-membership network with validated ``parameters`` (see
    ``services.clustering.clustering_parameters_validate``)."""

    parameters = models.JSONField(_("parameters"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RunStatus.choices,
        default=RunStatus.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clustering_runs",
        help_text=_("Leeg voor runs van het systeem (zoals de standaardrun na het laden)."),
    )
    is_default = models.BooleanField(_("standaardrun"), default=False)
    task_id = models.CharField(_("Celery-taak"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("laatste teken van leven"),
        null=True,
        blank=True,
        help_text=_("Bijgewerkt tijdens het rekenen; een run zonder hartslag is vastgelopen."),
    )
    timings = models.JSONField(_("rekentijden (s)"), default=dict, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    measures = models.JSONField(_("maten van de run"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("BRE-clusteringrun")
        verbose_name_plural = _("BRE-clusteringruns")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="clusteringrun_one_default",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="clusteringrun_progress_range",
            ),
        ]

    def __str__(self) -> str:
        clusters = (self.measures or {}).get("aantalClusters")
        suffix = f", {clusters} clusters" if clusters is not None else ""
        return f"BRE-run {self.pk} ({self.status}{suffix})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class ClusterResult(models.Model):
    """One cluster (BRE) of a run: its members' number, measures and the union of their
    boundaries."""

    run = models.ForeignKey(ClusteringRun, on_delete=models.CASCADE, related_name="clusters")
    number = models.PositiveIntegerField(_("nummer"))
    label = models.CharField(_("label"), max_length=255)
    municipality_count = models.PositiveIntegerField(_("aantal gemeenten"))
    measures = models.JSONField(_("maten"), default=dict)
    geom = models.MultiPolygonField(_("gebied"), srid=SRID, null=True, blank=True)

    class Meta:
        ordering = ["run", "number"]
        verbose_name = _("BRE-cluster")
        verbose_name_plural = _("BRE-clusters")
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="clusterresult_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.number} {self.label}"


class ClusterAssignment(models.Model):
    """The cluster of one municipality in a run, and how stable that is over the repetitions
    (share of repetitions in which it lands with the majority of its cluster)."""

    run = models.ForeignKey(ClusteringRun, on_delete=models.CASCADE, related_name="assignments")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="cluster_assignments"
    )
    cluster = models.ForeignKey(ClusterResult, on_delete=models.CASCADE, related_name="assignments")
    stability = models.FloatField(_("stabiliteit"))

    class Meta:
        ordering = ["run", "cluster", "municipality"]
        verbose_name = _("BRE-toewijzing")
        verbose_name_plural = _("BRE-toewijzingen")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "municipality"], name="clusterassignment_unique_municipality"
            ),
            models.CheckConstraint(
                condition=Q(stability__gte=0) & Q(stability__lte=1),
                name="clusterassignment_stability_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.municipality_id} -> {self.cluster_id}"
