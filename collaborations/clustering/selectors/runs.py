"""Reads for the BRE analysis (docs/bre.md): the memberships behind the network, municipality
adjacency (PostGIS), boundaries, the official divisions as partitions, and the runs and their
results (lists for the API, comparison of two runs)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

import igraph
import numpy as np
from django.db.models import Count, FilteredRelation, Max, Q, QuerySet, Sum

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.clustering.models import ClusterAssignment, ClusteringRun, ClusterResult
from collaborations.clustering.selectors.network import BreNetwork, bre_member_pairs
from collaborations.core.choices import Role
from collaborations.geography.models import Municipality
from collaborations.geography.selectors.validity import boundaries_on, today, valid_on

#: A division counts as a partition of the country when its regions hold at least this share
#: of the current municipalities (the rest get a label of their own).
TILING_COVERAGE = 0.9


# --- the memberships behind the network -----------------------------------------------------
@dataclass(frozen=True)
class BreMemberships:
    """The filtered arrangements with at least two municipal members on the day, as
    (arrangement, node) pairs; ``pair_arrangement`` indexes ``arrangement_ids``."""

    arrangement_ids: np.ndarray
    theme_counts: np.ndarray
    pair_arrangement: np.ndarray
    pair_node: np.ndarray

    @property
    def sizes(self) -> np.ndarray:
        return np.bincount(self.pair_arrangement, minlength=len(self.arrangement_ids))


def bre_memberships(*, filters: ArrangementFilter, network: BreNetwork) -> BreMemberships:
    """Two queries: the (arrangement, municipality) pairs, and the arrangements' theme counts."""
    index = {mid: i for i, mid in enumerate(network.municipality_ids.tolist())}
    pairs = sorted(set(bre_member_pairs(filters=filters)))
    per_arrangement: dict[int, int] = defaultdict(int)
    for aid, _ in pairs:
        per_arrangement[aid] += 1
    kept = sorted(aid for aid, n in per_arrangement.items() if n >= 2)
    position = {aid: i for i, aid in enumerate(kept)}
    pairs = [(aid, mid) for aid, mid in pairs if aid in position and mid in index]
    themes = dict(
        Arrangement.themes.through.objects.filter(arrangement_id__in=kept)
        .values_list("arrangement_id")
        .annotate(n=Count("theme_id"))
        .values_list("arrangement_id", "n")
        .order_by()
    )
    return BreMemberships(
        arrangement_ids=np.array(kept, dtype=np.int64),
        theme_counts=np.array([themes.get(aid, 0) for aid in kept], dtype=np.int64),
        pair_arrangement=np.array([position[aid] for aid, _ in pairs], dtype=np.int64),
        pair_node=np.array([index[mid] for _, mid in pairs], dtype=np.int64),
    )


@dataclass(frozen=True)
class MunicipalityFacts:
    codes: tuple[str, ...]
    names: tuple[str, ...]
    provinces: tuple[str | None, ...]
    province_names: dict[str, str]
    leads: np.ndarray  # number of arrangements in which the municipality is the lead


def municipality_facts(*, network: BreNetwork) -> MunicipalityFacts:
    """Code, name, province and number of lead roles (centrumgemeente) of every node (one
    query)."""
    lead = Count("memberships", filter=Q(memberships__role=Role.LEAD))
    rows = {
        row[0]: row[1:]
        for row in Municipality.objects.filter(pk__in=network.municipality_ids.tolist())
        .annotate(leads=lead)
        .values_list("pk", "code", "name", "province__code", "province__name", "leads")
    }
    ordered = [rows[pk] for pk in network.municipality_ids.tolist()]
    return MunicipalityFacts(
        codes=tuple(r[0] for r in ordered),
        names=tuple(r[1] for r in ordered),
        provinces=tuple(r[2] for r in ordered),
        province_names={r[2]: r[3] for r in ordered if r[2]},
        leads=np.array([r[4] for r in ordered], dtype=np.int64),
    )


# --- geography (adjacency: geography.selectors.borders.municipality_adjacency) -------------
def boundary_wkb(*, municipality_ids: list[int], day: datetime.date | None = None) -> dict:
    """{municipality id: WKB of its clean-coverage boundary on ``day``} (one query)."""
    rows = (
        boundaries_on(day=day or today())
        .filter(municipality_id__in=municipality_ids, geom_coverage__isnull=False)
        .values_list("municipality_id", "geom_coverage")
    )
    return {mid: bytes(geom.wkb) for mid, geom in rows}


# --- the official divisions as partitions ---------------------------------------------------
@dataclass(frozen=True)
class Region:
    division: str
    name: str
    members: frozenset[int]  # node indices


@dataclass(frozen=True)
class Labelling:
    """An official division as a partition of the nodes: ``labels[i]`` is the region of node
    i (nodes without a region get a label of their own)."""

    slug: str
    name: str
    labels: np.ndarray
    coverage: float  # share of nodes in a region
    multiple: float  # share of nodes in more than one region (the largest share wins)


def _region_rows(day: datetime.date) -> list[tuple]:
    regions = (
        arrangements_filter(filters=ArrangementFilter(day=day))
        .filter(division__isnull=False)
        .values("pk")
    )
    lineage = "municipality__lineage_descendants__"
    return list(
        Membership.objects.filter(
            valid_on(day), municipality__isnull=False, arrangement_id__in=regions
        )
        .filter(
            Q(**{f"{lineage}since__isnull": True}) | Q(**{f"{lineage}since__lte": day}),
            valid_on(day, prefix=f"{lineage}descendant__"),
        )
        .values_list(
            "arrangement__division__slug",
            "arrangement__division__name",
            "arrangement_id",
            "arrangement__name",
            f"{lineage}descendant_id",
        )
        .annotate(weight=Sum(f"{lineage}share"))
        .order_by()
    )


def _labelling(slug: str, name: str, choices: dict[int, list], n: int) -> Labelling:
    labels = np.full(n, -1, dtype=np.int64)
    for node, options in choices.items():
        options.sort(key=lambda o: (-o[0], o[1]))  # largest share, then lowest region id
        labels[node] = options[0][1]
    missing = np.flatnonzero(labels < 0)
    labels[missing] = labels.max(initial=0) + 1 + np.arange(len(missing))
    multiple = sum(1 for options in choices.values() if len(options) > 1)
    return Labelling(slug, name, labels, len(choices) / n, multiple / n)


def official_partitions(
    *, network: BreNetwork, facts: MunicipalityFacts, day: datetime.date | None = None
) -> tuple[list[Labelling], list[Region]]:
    """The provinces and every current division whose regions cover at least
    TILING_COVERAGE of the nodes, as labellings; and every region as a member set (one
    query)."""
    day = day or today()
    index = {mid: i for i, mid in enumerate(network.municipality_ids.tolist())}
    n = network.node_count
    province_codes = sorted({p for p in facts.provinces if p})
    province_labels = np.array(
        [province_codes.index(p) if p else -1 for p in facts.provinces], dtype=np.int64
    )
    choices: dict[tuple, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    members: dict[tuple, set[int]] = defaultdict(set)
    for slug, dname, aid, rname, mid, weight in _region_rows(day):
        if mid in index:
            choices[(slug, dname)][index[mid]].append((float(weight or 0), aid))
            members[(slug, rname)].add(index[mid])
    provinces = Labelling("provincies", "Provincies", province_labels, 1.0, 0.0)
    labellings = [provinces]
    for (slug, name), per_node in sorted(choices.items()):
        if len(per_node) / n >= TILING_COVERAGE:
            labellings.append(_labelling(slug, name, per_node, n))
    regions = [Region(slug, name, frozenset(nodes)) for (slug, name), nodes in members.items()]
    for i, code in enumerate(province_codes):
        nodes = frozenset(np.flatnonzero(province_labels == i).tolist())
        regions.append(Region("provincies", facts.province_names[code], nodes))
    return labellings, regions


def agreement(first, second) -> tuple[float, float]:
    """(adjusted Rand index, normalised mutual information) of two labellings of the same
    nodes (any integer labels)."""
    la = np.unique(np.asarray(first), return_inverse=True)[1].tolist()
    lb = np.unique(np.asarray(second), return_inverse=True)[1].tolist()
    return (
        float(igraph.compare_communities(la, lb, method="adjusted_rand")),
        float(igraph.compare_communities(la, lb, method="nmi")),
    )


# --- runs and results -------------------------------------------------------------------------
def clustering_run_list() -> QuerySet[ClusteringRun]:
    return ClusteringRun.objects.select_related("created_by").order_by("-created_at", "-id")


def clustering_run_default() -> ClusteringRun | None:
    return ClusteringRun.objects.filter(is_default=True).first()


def cluster_list(*, run: ClusteringRun) -> QuerySet[ClusterResult]:
    return ClusterResult.objects.filter(run=run).order_by("number")


def assignment_list(*, run: ClusteringRun) -> QuerySet[ClusterAssignment]:
    return (
        ClusterAssignment.objects.filter(run=run)
        .select_related("cluster")
        .order_by("municipality__code")
    )


@dataclass(frozen=True)
class RunComparison:
    run_a: int
    run_b: int
    adjusted_rand: float
    nmi: float
    matches: list[dict]  # per cluster of A: the cluster of B it overlaps most
    changed: list[dict]  # municipalities whose cluster in B is not the match of their A cluster
    only_in_a: list[str]
    only_in_b: list[str]


def _assignments(run: ClusteringRun) -> dict[str, tuple[int, str]]:
    return {
        code: (number, name)
        for code, number, name in ClusterAssignment.objects.filter(run=run).values_list(
            "municipality__code", "cluster__number", "municipality__name"
        )
    }


def _overlap_matches(a: dict[str, int], b: dict[str, int]) -> dict[int, int]:
    """Each cluster of A matched to the cluster of B with which it shares most municipalities
    (ties: the lower number of B)."""
    overlap: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for code, number in a.items():
        if code in b:
            overlap[number][b[code]] += 1
    return {
        number: min(counts, key=lambda k: (-counts[k], k)) for number, counts in overlap.items()
    }


def clustering_runs_compare(*, run_a: ClusteringRun, run_b: ClusteringRun) -> RunComparison:
    """How two runs differ: ARI and NMI over the municipalities in both, the best match of
    each cluster of A in B (maximum overlap), and the municipalities that changed cluster
    (their B cluster is not the match of their A cluster). Two queries."""
    full_a, full_b = _assignments(run_a), _assignments(run_b)
    a = {code: v[0] for code, v in full_a.items()}
    b = {code: v[0] for code, v in full_b.items()}
    common = sorted(set(a) & set(b))
    matches = _overlap_matches(a, b)
    changed = [
        {"code": code, "naam": full_a[code][1], "clusterA": a[code], "clusterB": b[code],
         "verwachtB": matches[a[code]]}
        for code in common
        if b[code] != matches[a[code]]
    ]  # fmt: skip
    sizes_a = defaultdict(int)
    for number in a.values():
        sizes_a[number] += 1
    ari = nmi = 1.0
    if len(common) > 1:
        ari, nmi = agreement([a[c] for c in common], [b[c] for c in common])
    return RunComparison(
        run_a=run_a.pk,
        run_b=run_b.pk,
        adjusted_rand=float(ari),
        nmi=float(nmi),
        matches=[
            {"clusterA": number, "clusterB": match, "gemeentenA": sizes_a[number]}
            for number, match in sorted(matches.items())
        ],
        changed=changed,
        only_in_a=sorted(set(a) - set(b)),
        only_in_b=sorted(set(b) - set(a)),
    )


def clustering_run_get(*, pk: int) -> ClusteringRun | None:
    return ClusteringRun.objects.filter(pk=pk).first()


def clustering_runs_get(*, pks) -> dict[int, ClusteringRun]:
    return {run.pk: run for run in ClusteringRun.objects.filter(pk__in=list(pks))}


def clustering_runs_last_change() -> datetime.datetime | None:
    """When any run last changed (a validator of the run list)."""
    return ClusteringRun.objects.aggregate(latest=Max("updated_at"))["latest"]


def clustered_municipalities(*, run: ClusteringRun) -> QuerySet[Municipality]:
    """The municipalities the run assigned, by code, with the assignment as ``a``
    (``a__cluster__number``, ``a__cluster__label``, ``a__stability``)."""
    return (
        Municipality.objects.annotate(
            a=FilteredRelation("cluster_assignments", condition=Q(cluster_assignments__run=run))
        )
        .filter(a__isnull=False)
        .order_by("code")
    )
