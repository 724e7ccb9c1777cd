"""Community detection on the weighted co-membership graph: Leiden (or Louvain, for comparison)
with a resolution parameter, repeated over seeds, and the consensus of the repetitions.

Leiden optimises the modularity with resolution gamma (the RB configuration model):
``Q = 1/(2m) * sum_ij (w_ij - gamma * k_i * k_j / (2m)) * [c_i == c_j]`` on the full weighted
graph; higher gamma gives more, smaller clusters. igraph's implementation (C) is used; its
random numbers come from a ``random.Random(seed)`` per repetition, so a run is reproducible."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import igraph
import numpy as np

#: Leiden iterations per partition. Every iteration leaves each cluster connected; more only
#: polish: on the real network two give the partition of "until stable" (``-1``) for every
#: seed, on the synthetic country of 100,000 municipalities "until stable" takes ~40
#: iterations and 10x the time for 0.1% more quality (docs/operations.md). igraph's default.
LEIDEN_ITERATIONS = 2


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random number generator seeded with ``seed`` for the duration."""
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 - not cryptography
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def partition_once(
    graph: igraph.Graph, *, algorithm: str, resolution: float, seed: int
) -> np.ndarray:
    """One partition (a cluster label per node) of ``graph`` (edge attribute ``weight``)."""
    with seeded(seed):
        if algorithm == "leiden":
            clustering = graph.community_leiden(
                objective_function="modularity",
                weights="weight",
                resolution=resolution,
                n_iterations=LEIDEN_ITERATIONS,
            )
        elif algorithm == "louvain":
            clustering = graph.community_multilevel(weights="weight", resolution=resolution)
        else:
            raise ValueError(f"unknown algorithm {algorithm!r}")
    return canonical(np.asarray(clustering.membership, dtype=np.int64))


def canonical(labels: np.ndarray, order: np.ndarray | None = None) -> np.ndarray:
    """Relabel a partition 0..k-1: largest cluster first, ties by the first node (in
    ``order``, default node index) that belongs to it. Equal partitions get equal arrays."""
    if len(labels) == 0:
        return labels.copy()
    order = np.arange(len(labels)) if order is None else order
    _, inverse, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    first = np.full(len(sizes), len(labels), dtype=np.int64)
    np.minimum.at(first, inverse, np.argsort(order))  # rank of each node in ``order``
    ranking = np.lexsort((first, -sizes))
    new_label = np.empty(len(sizes), dtype=np.int64)
    new_label[ranking] = np.arange(len(sizes))
    return new_label[inverse]


@dataclass(frozen=True)
class Consensus:
    membership: np.ndarray  # final cluster per node (canonical labels)
    stability: np.ndarray  # per node, in [0, 1]
    partitions: np.ndarray  # repetitions x nodes
    chosen: int  # index of the repetition whose partition is the final one
    distinct: int  # number of distinct partitions among the repetitions
    #: seconds in the community detection itself (all repetitions), and of its slowest
    #: repetition; the rest of the consensus is choosing the medoid and the stability
    detection_seconds: float = 0.0
    slowest_repetition_seconds: float = 0.0


def _medoid(unique: np.ndarray, counts: np.ndarray, quality: np.ndarray) -> int:
    """Index (into ``unique``) of the partition with the highest mean adjusted Rand index to
    all repetitions (each distinct partition weighted by how often it came out); ties go to
    the more frequent, then the better ``quality``, then the earlier one."""
    k = len(unique)
    if k == 1:
        return 0
    similarity = np.eye(k)
    lists = [labels.tolist() for labels in unique]  # once each, not once per pair
    for i in range(k):
        for j in range(i + 1, k):
            value = igraph.compare_communities(lists[i], lists[j], method="adjusted_rand")
            similarity[i, j] = similarity[j, i] = value
    centrality = similarity @ counts / counts.sum()
    ranking = np.lexsort((np.arange(k), -quality, -counts, -np.round(centrality, 12)))
    return int(ranking[0])


def stability_of(final: np.ndarray, partitions: np.ndarray) -> np.ndarray:
    """Per node: the share of repetitions in which it is in the same cluster as the majority
    of the members of its final cluster (the label that most of them have in that repetition;
    ties to the lowest label)."""
    k = int(final.max()) + 1 if len(final) else 0
    hits = np.zeros(len(final), dtype=np.int64)
    for labels in partitions:
        # the (cluster, label) pairs that occur, with their counts: sparse, as a dense
        # clusters x labels table is 10,000 x 10,000 on the synthetic country
        width = int(labels.max()) + 1
        pairs, counts = np.unique(final * width + labels, return_counts=True)
        cluster, label = pairs // width, pairs % width
        best = np.lexsort((label, -counts, cluster))  # per cluster: most members, lowest label
        starts = np.flatnonzero(np.r_[True, np.diff(cluster[best]) != 0])
        majority = np.zeros(k, dtype=np.int64)
        majority[cluster[best][starts]] = label[best][starts]
        hits += labels == majority[final]
    return hits / max(len(partitions), 1)


def _distinct(partitions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct rows in order of first appearance, the index of each one's first
    appearance and how often each appears (canonical labels: equal partitions, equal rows)."""
    first: dict[bytes, int] = {}
    counts: dict[bytes, int] = {}
    for index, row in enumerate(partitions):
        key = row.tobytes()
        first.setdefault(key, index)
        counts[key] = counts.get(key, 0) + 1
    indices = np.fromiter(first.values(), dtype=np.int64, count=len(first))
    return (
        partitions[indices],
        indices,
        np.fromiter(counts.values(), dtype=np.int64, count=len(counts)),
    )


def consensus(
    graph: igraph.Graph,
    *,
    algorithm: str,
    resolution: float,
    seed: int,
    repetitions: int,
    on_repetition: Callable[[int], None] | None = None,
) -> Consensus:
    """Partition ``repetitions`` times with seeds seed, seed+1, ...; the final partition is
    the most central one (highest mean adjusted Rand index to all repetitions).
    ``on_repetition(done)`` is called after each repetition (progress, cancellation)."""
    rows, seconds = [], []
    for r in range(repetitions):
        started = time.perf_counter()
        rows.append(
            partition_once(graph, algorithm=algorithm, resolution=resolution, seed=seed + r)
        )
        seconds.append(time.perf_counter() - started)
        if on_repetition is not None:
            on_repetition(r + 1)
    partitions = np.vstack(rows) if rows else np.zeros((0, graph.vcount()), dtype=np.int64)
    unique, first, counts = _distinct(partitions)
    quality = np.array(
        [graph.modularity(u.tolist(), weights="weight", resolution=resolution) for u in unique]
    )
    best = _medoid(unique, counts, quality)
    final = unique[best]
    return Consensus(
        membership=final,
        stability=stability_of(final, partitions),
        partitions=partitions,
        chosen=int(first[best]),
        distinct=len(unique),
        detection_seconds=sum(seconds),
        slowest_repetition_seconds=max(seconds, default=0.0),
    )
