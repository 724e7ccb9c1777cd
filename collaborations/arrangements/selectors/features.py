"""Arrangements (and the regions of divisions) as features for data exchange (OGC API
Features): the arrangements passing the shared filters, with their footprint on the
peildatum as geometry (``gebied``) and the public (Dutch) properties; paged and encoded by
:mod:`collaborations.core.features`."""

from __future__ import annotations

from django.contrib.gis.geos import GEOSGeometry
from django.db.models import F, QuerySet, Value
from django.db.models.functions import NullIf

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.footprints import (
    footprint_covers,
    footprint_on,
    is_today,
)
from collaborations.arrangements.selectors.lists import arrangement_kind, member_count
from collaborations.core.choices import DivisionKind, LegalFormFamily

#: Property -> JSON Schema of each arrangement feature (the order of the GeoJSON).
ARRANGEMENT_PROPERTIES = {
    "slug": {"type": "string"},
    "naam": {"type": "string"},
    "korteNaam": {"type": "string"},
    "rechtsvormFamilie": {"type": "string", "enum": LegalFormFamily.values},
    "rechtsvorm": {"type": "string"},
    "verplicht": {"type": "boolean"},
    "soort": {"type": "string", "enum": DivisionKind.values},
    "indeling": {"type": "string"},
    "regiocode": {"type": "string"},
    "aantalGemeenten": {"type": "integer"},
    "startdatum": {"type": "string", "format": "date"},
    "einddatum": {"type": "string", "format": "date"},
}
#: The geometry annotation of the features.
GEOMETRY = "gebied"


def arrangement_features(
    *, filters: ArrangementFilter, area: GEOSGeometry | None = None
) -> QuerySet[Arrangement]:
    """The arrangements passing ``filters`` with their footprint on the filters' day as
    ``gebied`` (today: the current footprint; another day: the footprint version of that day),
    those without a footprint that day left out; intersecting ``area`` (any CRS) when given.
    By id (cheap and stable for paging)."""
    day = filters.on
    queryset = arrangements_filter(filters=filters).defer("footprint", "description")
    if is_today(filters.day):
        queryset = queryset.filter(footprint__isnull=False).annotate(gebied=F("footprint"))
        if area is not None:
            queryset = queryset.filter(footprint__intersects=area)
    else:
        queryset = queryset.annotate(gebied=footprint_on(day=day)).filter(gebied__isnull=False)
        if area is not None:
            queryset = queryset.filter(footprint_covers(day=day, geometry=area))
    return queryset.annotate(
        fid=F("slug"),
        naam=F("name"),
        korteNaam=NullIf(F("short_name"), Value("")),
        rechtsvormFamilie=F("legal_form_family"),
        rechtsvorm=NullIf(F("legal_form"), Value("")),
        verplicht=F("is_mandatory"),
        soort=arrangement_kind(),
        indeling=F("division__slug"),
        regiocode=NullIf(F("region_code"), Value("")),
        aantalGemeenten=member_count(day=day),
        startdatum=F("start_date"),
        einddatum=F("end_date"),
    ).order_by("id")
