"""Partitions of the municipalities on a peildatum: a division, or the provinces.

A division's partition is read as "the regions of division D in force on day d": its
arrangements (regions) that exist on d, their municipal memberships valid on d, mapped through
the lineage to the municipalities in force on d (``represented_municipality_pairs_computed``, the same
reading as the rest of the atlas). A municipality that lands in more than one region of the
division (a merger of members of two regions, or an overlap in the source) is placed in the
region that holds the largest share of it (ties: the region with the lowest id) and counted in
``multiple``."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.represented import (
    represented_municipality_pairs_computed,
)
from collaborations.core.choices import Country
from collaborations.divisions.selectors import division_list
from collaborations.geography.selectors.validity import municipalities_on, today

PROVINCES = "provincies"
LINEAGE = "municipality__lineage_descendants__"

#: Kinds of partition (``Partition.kind``).
DIVISION, PROVINCE, BRE = "indeling", "provincies", "bre"


class PartitionNotFoundError(ValueError):
    """The partition asked for does not exist, or has no regions on the peildatum."""


@dataclass(frozen=True)
class Region:
    key: str  # unique within its partition: an arrangement slug, a province code, a cluster
    name: str
    code: str = ""  # the official code (CBS region code, province code), when there is one


@dataclass(frozen=True)
class Partition:
    """A partition of (some of) the municipalities in force on a day: ``labels`` gives the
    region (key) of each municipality (by id); ``regions`` every region by key."""

    ref: str  # as asked for: a division slug, "provincies", "bre:standaard", "bre:12"
    name: str
    kind: str
    labels: Mapping[int, str]
    regions: Mapping[str, Region]
    multiple: int = 0  # municipalities in more than one region (the largest share decides)

    @property
    def municipality_count(self) -> int:
        return len(self.labels)


def choose_regions(rows: Iterable[tuple[int, object, float]]) -> tuple[dict[int, object], int]:
    """From (municipality, region, weight) rows: each municipality's region (largest weight,
    then the lowest region) and how many municipalities had more than one."""
    options: dict[int, list[tuple[float, object]]] = defaultdict(list)
    for municipality, region, weight in rows:
        options[municipality].append((-float(weight or 0), region))
    chosen = {municipality: min(choices)[1] for municipality, choices in options.items()}
    multiple = sum(1 for choices in options.values() if len(choices) > 1)
    return chosen, multiple


def division_regions_in_force(
    *, day: datetime.date, slugs: Iterable[str] | None = None, country: str = Country.NL
) -> QuerySet:
    """Ids of the published regions (arrangements of a division) in force on ``day`` (the
    version of their division then, docs/adr/0007-divisions-through-time.md): of the divisions
    ``slugs``, or of every division of ``country``."""
    f = ArrangementFilter(day=day, country=country)
    if slugs is not None:
        f = dataclasses.replace(f, divisions=tuple(slugs))
    return arrangements_filter(filters=f).filter(division__isnull=False).values("pk")


def region_rows(
    *, day: datetime.date, regions: QuerySet, fields: Iterable[str], **annotations: Any
) -> QuerySet:
    """(*fields, municipality id, weight) for every municipality in force on ``day`` that
    represents a member of one of ``regions`` (a queryset of ids); ``fields`` are paths from
    the membership (``arrangement__...``). The weight is the share of the members' area that
    the municipality represents. One query."""
    return (
        represented_municipality_pairs_computed(day=day)
        .filter(arrangement_id__in=regions)
        .annotate(**annotations)
        .values_list(*fields, *annotations, f"{LINEAGE}descendant_id")
        .annotate(weight=Sum(f"{LINEAGE}share"))
        .order_by()
    )


def division_partition(*, slug: str, day: datetime.date | None = None) -> Partition:
    """The regions of division ``slug`` in force on ``day`` as a partition (two queries)."""
    day = day or today()
    division = (
        division_list(day=day, country=None)
        .filter(slug=slug)
        .values("name", "version_label", "country")
        .first()
    )
    if division is None:
        raise PartitionNotFoundError(_("onbekende indeling %(slug)s") % {"slug": slug})
    fields = (
        "arrangement_id",
        "arrangement__slug",
        "arrangement__name",
        "arrangement__region_code",
    )
    rows = list(
        region_rows(
            day=day,
            regions=division_regions_in_force(day=day, slugs=[slug], country=division["country"]),
            fields=fields,
        )
    )
    if not rows:
        raise PartitionNotFoundError(
            _("indeling %(slug)s heeft geen regio's op %(day)s")
            % {"slug": slug, "day": day.isoformat()}
        )
    regions = {rid: Region(key=s, name=name, code=code or "") for rid, s, name, code, *_ in rows}
    chosen, multiple = choose_regions((mid, rid, weight) for rid, *_, mid, weight in rows)
    return Partition(
        ref=slug,
        name=f"{division['name']} ({division['version_label']})"
        if division["version_label"]
        else division["name"],
        kind=DIVISION,
        labels={mid: regions[rid].key for mid, rid in chosen.items()},
        regions={region.key: region for region in regions.values()},
        multiple=multiple,
    )


def province_partition(*, day: datetime.date | None = None) -> Partition:
    """The provinces of the municipalities in force on ``day`` (one query)."""
    rows = list(
        municipalities_on(day=day or today())
        .filter(province__isnull=False)
        .values_list("pk", "province__code", "province__name")
    )
    return Partition(
        ref=PROVINCES,
        name=_("Provincies"),
        kind=PROVINCE,
        labels={mid: code for mid, code, _name in rows},
        regions={code: Region(key=code, name=name, code=code) for _mid, code, name in rows},
    )
