"""Partitions for the congruence comparison by reference: a division (its slug), the provinces
(``provincies``) or a BRE run (``bre:standaard`` for the default run, ``bre:<id>``).

The divisions and the provinces are read in :mod:`collaborations.divisions.congruence`; a BRE
run is read here because clustering is the lowest layer that knows both the runs and the
divisions. A run's municipalities are those of its own peildatum: on another day each counts
through the lineage (a merged municipality as its successor, a split one as its parts)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from collaborations.clustering.models import ClusterAssignment, ClusteringRun, RunStatus
from collaborations.divisions.congruence.matrix import division_labels
from collaborations.divisions.congruence.partitions import (
    BRE,
    LINEAGE,
    PROVINCES,
    Partition,
    PartitionNotFoundError,
    Region,
    choose_regions,
    division_partition,
    province_partition,
)
from collaborations.geography.selectors.validity import today, valid_on

DEFAULT_RUN = "standaard"
#: The references a partition may have (the API's schema of ``a`` and ``b``).
REFERENCE = r"^(provincies|bre:(standaard|[1-9][0-9]{0,17})|[a-z0-9][a-z0-9-]{0,79})$"
_BRE = re.compile(r"^bre:(standaard|[1-9][0-9]{0,17})$")


@dataclass(frozen=True)
class PartitionOption:
    ref: str
    name: str
    kind: str


def _run(reference: str) -> ClusteringRun:
    runs = ClusteringRun.objects.filter(status=RunStatus.SUCCEEDED)
    if reference == DEFAULT_RUN:
        run = runs.filter(is_default=True).first()
    else:
        run = runs.filter(pk=int(reference)).first()
    if run is None:
        raise PartitionNotFoundError(_("geen afgeronde BRE-analyse %(run)s") % {"run": reference})
    return run


def bre_partition(*, reference: str, day: datetime.date | None = None) -> Partition:
    """The clusters of a finished BRE run (``standaard`` or its id) as a partition of the
    municipalities in force on ``day`` (two queries)."""
    day = day or today()
    run = _run(reference)
    rows = list(
        ClusterAssignment.objects.filter(run=run)
        .filter(
            Q(**{f"{LINEAGE}since__isnull": True}) | Q(**{f"{LINEAGE}since__lte": day}),
            valid_on(day, prefix=f"{LINEAGE}descendant__"),
        )
        .values_list("cluster__number", "cluster__label", f"{LINEAGE}descendant_id")
        .annotate(weight=Sum(f"{LINEAGE}share"))
        .order_by()
    )
    regions = {
        number: Region(key=str(number), name=label, code=str(number))
        for number, label, _m, _w in rows
    }
    chosen, multiple = choose_regions((mid, number, weight) for number, _l, mid, weight in rows)
    name = _("BRE-analyse %(id)s") % {"id": run.pk}
    if run.is_default:
        name = _("BRE-clusters (standaardanalyse)")
    return Partition(
        ref=f"bre:{reference}",
        name=name,
        kind=BRE,
        labels={mid: regions[number].key for mid, number in chosen.items()},
        regions={region.key: region for region in regions.values()},
        multiple=multiple,
    )


def partition_get(*, reference: str, day: datetime.date | None = None) -> Partition:
    """The partition a reference names on ``day``; PartitionNotFoundError when there is
    none."""
    day = day or today()
    if reference == PROVINCES:
        return province_partition(day=day)
    bre = _BRE.match(reference)
    if bre:
        return bre_partition(reference=bre[1], day=day)
    if not re.match(REFERENCE, reference):
        raise PartitionNotFoundError(_("ongeldige verwijzing %(ref)s") % {"ref": reference})
    return division_partition(slug=reference, day=day)


def partition_options(*, day: datetime.date | None = None) -> list[PartitionOption]:
    """What can be compared on ``day``: the divisions in force (by name), the provinces and
    the default BRE run when there is one."""
    options = [
        PartitionOption(d.slug, f"{d.name} ({d.year})" if d.year else d.name, d.kind)
        for d in division_labels(day=day).divisions
    ]
    options.append(PartitionOption(PROVINCES, _("Provincies"), PROVINCES))
    if ClusteringRun.objects.filter(is_default=True, status=RunStatus.SUCCEEDED).exists():
        options.append(
            PartitionOption(f"bre:{DEFAULT_RUN}", _("BRE-clusters (standaardanalyse)"), BRE)
        )
    return options
