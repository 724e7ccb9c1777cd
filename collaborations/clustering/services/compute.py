"""The computation of one run, in memory: network, consensus clustering, geography and
measures. Nothing here writes; :mod:`.runs` writes the result in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.contrib.gis.geos import MultiPolygon

from collaborations.clustering.selectors.network import bre_network
from collaborations.clustering.selectors.runs import (
    boundary_wkb,
    bre_memberships,
    municipality_facts,
    official_partitions,
)
from collaborations.clustering.services.algorithms import consensus, stability_of
from collaborations.clustering.services.geography import (
    adjacency_graph,
    cluster_unions,
    contiguity,
    split_contiguous,
)
from collaborations.clustering.services.measures import (
    best_region,
    centre_of,
    cluster_measures,
    division_agreement,
    modularity,
)
from collaborations.clustering.services.parameters import ClusteringParameters
from collaborations.geography.selectors.borders import municipality_adjacency

#: A cluster is named after the province or COROP region it resembles when their member sets
#: have at least this Jaccard index; otherwise after its centre ("Zwolle e.o.").
LABEL_MIN_JACCARD = 0.6
LABEL_DIVISIONS = ("provincies", "corop-gebieden")
LABEL_PREFIXES = ("COROP-gebied ",)


def _label(members: frozenset[int], regions, centre_name: str) -> str:
    candidates = [r for r in regions if r.division in LABEL_DIVISIONS]
    match = best_region(members, candidates)
    if match is None or match["jaccard"] < LABEL_MIN_JACCARD:
        return f"{centre_name} e.o."
    name = match["regio"]
    for prefix in LABEL_PREFIXES:
        name = name.removeprefix(prefix)
    return name


@dataclass
class ComputedCluster:
    number: int
    label: str
    members: np.ndarray
    measures: dict[str, Any]
    geom: MultiPolygon | None


@dataclass
class Computed:
    clusters: list[ComputedCluster]
    municipality_ids: np.ndarray
    membership: np.ndarray  # cluster label (number - 1) per node
    stability: np.ndarray
    measures: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)


class Clock:
    """Seconds per step, in order."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._start = self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._last, 3)
        self._last = now

    def total(self) -> dict[str, float]:
        return {**self.timings, "totaal": round(time.perf_counter() - self._start, 3)}


Progress = Callable[[int], None]


def _cluster(
    c: int, context: dict[str, Any], measures: dict[str, Any], geom: MultiPolygon | None
) -> ComputedCluster:
    facts, network = context["facts"], context["network"]
    members = context["members"][c]
    shape = contiguity(context["adjacency"], members)
    inside = context["inside_edges"][c]  # the cluster's own edges: centre_of looks at no other
    centre = centre_of(
        members,
        facts.leads,
        context["per_node"],
        network.sources[inside],
        network.targets[inside],
        context["weights"][inside],
    )
    member_set = frozenset(members.tolist())
    match = best_region(member_set, context["regions"])
    label = _label(member_set, context["regions"], facts.names[centre])
    stability = context["stability"][members]
    provinces: dict[str, int] = {}
    for i in members.tolist():
        code = facts.provinces[i] or "onbekend"
        provinces[code] = provinces.get(code, 0) + 1
    measures = {
        **measures,
        "provincies": dict(sorted(provinces.items())),
        "aaneengesloten": shape.contiguous,
        "delen": shape.parts,
        "eilanden": [facts.codes[i] for i in shape.islands],
        "losliggend": [facts.codes[i] for i in shape.detached],
        "stabiliteitGemiddeld": round(float(stability.mean()), 4),
        "stabiliteitMinimum": round(float(stability.min()), 4),
        "centrum": {"code": facts.codes[centre], "naam": facts.names[centre]},
        "besteOvereenkomst": match,
    }
    return ComputedCluster(c + 1, label[:255], members, measures, geom)


def _by_cluster(membership: np.ndarray, sources: np.ndarray, targets: np.ndarray):
    """Per cluster label: its members, and the indices of the edges with both ends in it (in
    edge order), found once instead of scanning every node and edge per cluster."""
    k = int(membership.max()) + 1 if len(membership) else 0
    nodes = np.argsort(membership, kind="stable")
    node_bounds = np.searchsorted(membership[nodes], np.arange(k + 1))
    inside = np.flatnonzero(membership[sources] == membership[targets])
    edge_cluster = membership[sources[inside]]
    edges = inside[np.argsort(edge_cluster, kind="stable")]
    edge_bounds = np.searchsorted(np.sort(edge_cluster), np.arange(k + 1))
    members = [nodes[node_bounds[c] : node_bounds[c + 1]] for c in range(k)]
    inside_edges = [edges[edge_bounds[c] : edge_bounds[c + 1]] for c in range(k)]
    return members, inside_edges


def _cluster_step(parameters: ClusteringParameters, network, progress: Progress):
    graph = network.graph(parameters.weighting)
    total = parameters.repetitions

    def on_repetition(done: int) -> None:
        progress(10 + int(70 * done / total))

    result = consensus(
        graph,
        algorithm=parameters.algorithm,
        resolution=parameters.resolution,
        seed=parameters.seed,
        repetitions=total,
        on_repetition=on_repetition,
    )
    return graph, result


def compute_run(parameters: ClusteringParameters, progress: Progress) -> Computed:
    """Everything a run stores, without writing. ``progress(percent)`` is called between
    steps and repetitions (it may raise to stop the run)."""
    clock = Clock()
    f = parameters.filters
    network = bre_network(filters=f, with_ids=False)
    if network.node_count == 0:
        raise ValueError(f"Geen gemeenten op {f.on.isoformat()}: niets te clusteren.")
    clock.lap("netwerk")
    progress(10)
    graph, result = _cluster_step(parameters, network, progress)
    clock.lap("clustering")
    # the clustering step split: Leiden (or Louvain) itself over all repetitions, its slowest
    # single repetition, and the consensus around it (medoid, stability)
    clock.timings["clustering.detectie"] = round(result.detection_seconds, 3)
    clock.timings["clustering.detectieTraagsteHerhaling"] = round(
        result.slowest_repetition_seconds, 3
    )
    adjacency = adjacency_graph(network.municipality_ids, municipality_adjacency(day=f.on))
    membership = result.membership
    if parameters.split_contiguous:
        membership = split_contiguous(membership, adjacency, graph)
    stability = stability_of(membership, result.partitions)
    wkb = boundary_wkb(municipality_ids=network.municipality_ids.tolist(), day=f.on)
    index = {mid: i for i, mid in enumerate(network.municipality_ids.tolist())}
    geoms = cluster_unions(membership, {index[mid]: g for mid, g in wkb.items()})
    clock.lap("geografie")
    progress(85)
    facts = municipality_facts(network=network)
    memberships = bre_memberships(filters=f, network=network)
    labellings, regions = official_partitions(network=network, facts=facts, day=f.on)
    weights = network.weights(parameters.weighting)
    per_cluster = cluster_measures(
        membership=membership,
        sources=network.sources,
        targets=network.targets,
        weights=weights,
        memberships=memberships,
        provinces=facts.provinces,
    )
    members, inside_edges = _by_cluster(membership, network.sources, network.targets)
    context = {
        "members": members,
        "inside_edges": inside_edges,
        "facts": facts,
        "network": network,
        "adjacency": adjacency,
        "weights": weights,
        "regions": regions,
        "stability": stability,
        "per_node": np.bincount(memberships.pair_node, minlength=network.node_count),
    }
    clusters = [_cluster(c, context, m, geoms[c]) for c, m in enumerate(per_cluster)]
    agreement = division_agreement(membership, labellings)
    measures = _run_measures(network, graph, membership, stability, clusters, agreement, result)
    measures["peildatum"] = f.on.isoformat()
    measures["aantalSamenwerkingsverbanden"] = len(memberships.arrangement_ids)
    clock.lap("maten")
    progress(90)
    return Computed(
        clusters=clusters,
        municipality_ids=network.municipality_ids,
        membership=membership,
        stability=stability,
        measures=measures,
        timings=clock.total(),
    )


def _run_measures(network, graph, membership, stability, clusters, agreement, result) -> dict:
    sizes = [len(c.members) for c in clusters]
    return {
        "aantalClusters": len(clusters),
        "modulariteit": modularity(graph, membership),
        "aantalGemeenten": network.node_count,
        "aantalVerbindingen": network.edge_count,
        "grootte": {
            "minimum": min(sizes, default=0),
            "mediaan": float(np.median(sizes)) if sizes else 0,
            "maximum": max(sizes, default=0),
        },
        "nietAaneengesloten": sum(1 for c in clusters if not c.measures["aaneengesloten"]),
        "stabiliteitGemiddeld": round(float(stability.mean()), 4) if len(stability) else None,
        "herhalingenVerschillend": result.distinct,
        "herhalingGekozen": result.chosen,
        "overeenkomstIndelingen": agreement,
        "dichtstbijzijndeIndeling": agreement[0] if agreement else None,
    }
