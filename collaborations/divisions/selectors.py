"""Official divisions (indelingen) and their regions."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.lists import member_count
from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.core.choices import PublicationStatus
from collaborations.divisions.models import Division
from collaborations.geography.selectors.validity import today


def division_list() -> QuerySet[Division]:
    """Every division, annotated with ``region_count`` (its published regions)."""
    published = Q(regions__publication_status=PublicationStatus.PUBLISHED)
    return (
        Division.objects.select_related("source", "superseded_by")
        .annotate(region_count=Count("regions", filter=published))
        .order_by("domain", "name", "-year")
    )


def division_regions(
    *, division: Division, day: datetime.date | None = None
) -> QuerySet[Arrangement]:
    """The published regions of ``division`` that exist on ``day`` (default today), by name,
    annotated with ``member_count``. Regions of a superseded edition are included: the
    division was asked for by name."""
    f = dataclasses.replace(
        ArrangementFilter(),
        divisions=(division.slug,),
        include_superseded=True,
        day=day or today(),
    )
    return (
        arrangements_filter(filters=f)
        .defer("footprint")
        .annotate(member_count=member_count(day=f.on))
        .order_by("name", "id")
    )


def region_member_codes(
    *, region_ids: list[int], day: datetime.date | None = None
) -> dict[int, list[str]]:
    """{region id: sorted codes of the municipalities that represent its members on ``day``}.
    One query."""
    lineage = "municipality__lineage_descendants__descendant__code"
    pairs = represented_municipality_pairs(day=day or today(), arrangement_ids=region_ids)
    codes: dict[int, list[str]] = defaultdict(list)
    for region_id, code in pairs.values_list("arrangement_id", lineage):
        codes[region_id].append(code)
    return {region_id: sorted(values) for region_id, values in codes.items()}
