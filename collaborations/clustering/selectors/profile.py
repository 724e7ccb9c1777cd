"""A municipality's BRE in the default clustering run: its cluster (number, label, measures),
how stable its place there is, the other members and the neighbouring clusters."""

from __future__ import annotations

from typing import Any

from django.db.models import F

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
    """The clusters of the same run whose area touches this one's."""
    if cluster.geom is None:
        return []
    return list(
        ClusterResult.objects.filter(run_id=cluster.run_id, geom__intersects=cluster.geom)
        .exclude(pk=cluster.pk)
        .order_by("number")
        .values(cluster=F("number"), label_=F("label"), aantalGemeenten=F("municipality_count"))
    )


def municipality_bre(*, municipality: Municipality) -> dict[str, Any] | None:
    """The BRE of ``municipality`` in the default run (None when there is no finished default
    run or the municipality has no cluster in it). Four queries."""
    run = (
        ClusteringRun.objects.filter(is_default=True, status=RunStatus.SUCCEEDED)
        .only("pk", "finished_at")
        .first()
    )
    if run is None:
        return None
    assignment = (
        ClusterAssignment.objects.filter(run=run, municipality=municipality)
        .select_related("cluster")
        .first()
    )
    if assignment is None:
        return None
    cluster = assignment.cluster
    neighbours = [
        {"cluster": n["cluster"], "label": n["label_"], "aantalGemeenten": n["aantalGemeenten"]}
        for n in _neighbours(cluster)
    ]
    return {
        "analyse": run.pk,
        "cluster": cluster.number,
        "label": cluster.label,
        "stabiliteit": round(assignment.stability, 4),
        "aantalGemeenten": cluster.municipality_count,
        "maten": {key: cluster.measures.get(key) for key in MEASURES},
        "leden": _members(assignment),
        "buren": neighbours,
    }
