"""Footprints on a peildatum: the footprint version of an arrangement in force on a day
(``ArrangementFootprint``, one GiST index lookup on (period, geom)). Today's footprint is
``Arrangement.footprint`` itself (and the pre-simplified tile geometry): the fast path."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.gis.db.models import MultiPolygonField
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import Exists, OuterRef, Subquery

from collaborations.arrangements.models import ArrangementFootprint
from collaborations.geography.selectors.validity import today

SRID = settings.REGIOATLAS_SRID


def is_today(day: datetime.date | None) -> bool:
    """True when ``day`` asks for today's state (no peildatum, or today's date)."""
    return day is None or day == today()


def footprint_on(*, day: datetime.date) -> Subquery:
    """Expression: the footprint of the outer arrangement (``OuterRef("pk")``) on ``day``
    (NULL when it had none: no members, or not yet or no longer in existence)."""
    versions = ArrangementFootprint.objects.filter(
        arrangement_id=OuterRef("pk"), period__contains=day
    ).values("geom")[:1]
    return Subquery(versions, output_field=MultiPolygonField(srid=SRID))


def footprint_covers(*, day: datetime.date, geometry: GEOSGeometry) -> Exists:
    """Condition: the outer arrangement's footprint on ``day`` intersects ``geometry``."""
    return Exists(
        ArrangementFootprint.objects.filter(
            arrangement_id=OuterRef("pk"), period__contains=day, geom__intersects=geometry
        )
    )
