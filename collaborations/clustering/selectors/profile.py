"""A municipality's BRE in the default clustering run: its cluster (number, label, measures),
how stable its place there is, the other members and the neighbouring clusters."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Subquery

from collaborations.clustering.models import (
    ClusterAssignment,
    ClusteringRun,
    ClusterResult,
    RunStatus,
)
from collaborations.geography.models import Municipality

#: The measures of a cluster shown with it (docs/bre.md).
MEASURES = (
    "aantalSamenwerkingsverbanden",
    "territorialeCongruentieGewicht",
    "lidmaatschapsCongruentie",
)


def _members(assignment: ClusterAssignment) -> list[dict[str, Any]]:
    return list(
        ClusterAssignment.objects.filter(cluster_id=assignment.cluster_id)
        .order_by("municipality__name", "municipality__code")
        .values(
            code=F("municipality__code"),
            naam=F("municipality__name"),
            stabiliteit=F("stability"),
        )
    )


def _neighbours(cluster: ClusterResult) -> list[dict[str, Any]]:
    """The clusters of the same run whose area touches this one's (none when it has no area).
    The area is looked up in the database, never sent back to it from Python."""
    area = ClusterResult.objects.filter(pk=cluster.pk).values("geom")
    return list(
        ClusterResult.objects.filter(run_id=cluster.run_id, geom__intersects=Subquery(area))
        .exclude(pk=cluster.pk)
        .order_by("number")
        .values(cluster=F("number"), label_=F("label"), aantalGemeenten=F("municipality_count"))
    )


def municipality_bre(*, municipality: Municipality) -> dict[str, Any] | None:
    """The BRE of ``municipality`` in the default run (None when there is no finished default
    run or the municipality has no cluster in it). Three queries; no geometry leaves the
    database."""
    default_run = ClusteringRun.objects.filter(is_default=True, status=RunStatus.SUCCEEDED).values(
        "pk"
    )[:1]
    assignment = (
        ClusterAssignment.objects.filter(run_id=Subquery(default_run), municipality=municipality)
        .select_related("cluster")
        .defer("cluster__geom")
        .order_by("pk")  # one row at most (unique per run and municipality)
        .first()
    )
    if assignment is None:  # no finished default run, or no cluster for it there
        return None
    cluster = assignment.cluster
    neighbours = [
        {"cluster": n["cluster"], "label": n["label_"], "aantalGemeenten": n["aantalGemeenten"]}
        for n in _neighbours(cluster)
    ]
    return {
        "analyse": assignment.run_id,
        "cluster": cluster.number,
        "label": cluster.label,
        "stabiliteit": round(assignment.stability, 4),
        "aantalGemeenten": cluster.municipality_count,
        "maten": {key: cluster.measures.get(key) for key in MEASURES},
        "leden": _members(assignment),
        "buren": neighbours,
    }
