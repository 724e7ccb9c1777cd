"""The clusters (BRE) of the default run as features for data exchange (OGC API Features);
paged and encoded by :mod:`collaborations.core.features`."""

from __future__ import annotations

from django.contrib.gis.geos import GEOSGeometry
from django.db.models import F, FloatField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from collaborations.clustering.choices import RunStatus
from collaborations.clustering.models import ClusterResult

CLUSTER_PROPERTIES = {
    "nummer": {"type": "integer"},
    "label": {"type": "string"},
    "aantalGemeenten": {"type": "integer"},
    "analyse": {"type": "integer", "description": "Id van de BRE-analyse (de standaardrun)"},
    "aantalSamenwerkingsverbanden": {"type": "number"},
    "lidmaatschapsCongruentie": {"type": "number"},
}


def _measure(name: str) -> Cast:
    return Cast(KT(f"measures__{name}"), FloatField())


def cluster_features(*, area: GEOSGeometry | None = None) -> QuerySet[ClusterResult]:
    """The clusters of the finished default run with an area (geometry ``geom``), by number;
    intersecting ``area`` (any CRS) when given. Empty when there is no finished default run."""
    queryset = ClusterResult.objects.filter(
        run__is_default=True, run__status=RunStatus.SUCCEEDED, geom__isnull=False
    )
    if area is not None:
        queryset = queryset.filter(geom__intersects=area)
    return queryset.annotate(
        fid=F("number"),
        nummer=F("number"),
        aantalGemeenten=F("municipality_count"),
        analyse=F("run_id"),
        aantalSamenwerkingsverbanden=_measure("aantalSamenwerkingsverbanden"),
        lidmaatschapsCongruentie=_measure("lidmaatschapsCongruentie"),
    ).order_by("number")
