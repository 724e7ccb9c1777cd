"""BRE clustering, measured side by side in one process (issue 4).

A. Real data (run `manage.py load` first): building the co-membership network in PostgreSQL,
   building the igraph graph, one Leiden partition, the consensus of 50, the whole run
   computation (network, consensus, adjacency, unions, measures; nothing written), and
   networkx's Louvain on the same graph.
B. A synthetic network made here (not stored): a planted partition of communities of 1,000
   nodes on a ring, each node drawing 8 edges inside its community and 2 to the communities
   up to two steps away (about 10 edges per node, weights 1-5 inside and 1 between), at 10k, 30k and 100k
   nodes: Leiden (the service's ``partition_once``) against networkx ``louvain_communities``
   on the same graph, against the time to build the graph, the number of disconnected
   clusters (Leiden guarantees none), and how the time grows.

C. (--iterations) On the real data, Leiden iterated until stable (n_iterations=-1, before issue
   15 part 5) against LEIDEN_ITERATIONS, for every weighting x resolution 1/6/9/12 x seed 1/1001
   on the default filters and on all arrangements: consensus of 50 identical or not, the final
   partitions' quality at gamma, clusters, ARI/NMI, and the time of each.

Targets: Leiden <= 0.25 x networkx Louvain; Leiden <= 2 x graph build; 0 disconnected clusters.

    DJANGO_SETTINGS_MODULE=regioatlas.settings.local .venv/bin/python bench/bench_bre.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

import igraph
import networkx as nx
import numpy as np

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.clustering.selectors.network import bre_network
from collaborations.clustering.selectors.runs import agreement
from collaborations.clustering.services.algorithms import consensus, partition_once
from collaborations.clustering.services.compute import compute_run
from collaborations.clustering.services.parameters import (
    DEFAULT_PARAMETERS,
    clustering_parameters_from,
)


def timed(function, rounds: int = 1):
    """(median seconds, last result)."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def disconnected(graph: igraph.Graph, membership: np.ndarray) -> int:
    """How many clusters are not connected in ``graph`` (edges inside clusters only)."""
    edges = np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    inside = membership[edges[:, 0]] == membership[edges[:, 1]]
    sub = igraph.Graph(n=graph.vcount(), edges=edges[inside].tolist())
    components = np.asarray(sub.connected_components().membership)
    parts_per_cluster = {}
    for cluster, component in zip(membership.tolist(), components.tolist(), strict=True):
        parts_per_cluster.setdefault(cluster, set()).add(component)
    return sum(1 for parts in parts_per_cluster.values() if len(parts) > 1)


def to_networkx(graph: igraph.Graph) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(graph.vcount()))
    g.add_weighted_edges_from(
        (s, t, w) for (s, t), w in zip(graph.get_edgelist(), graph.es["weight"], strict=True)
    )
    return g


def networkx_louvain(g: nx.Graph, n: int) -> np.ndarray:
    membership = np.empty(n, dtype=np.int64)
    for label, members in enumerate(
        nx.community.louvain_communities(g, weight="weight", resolution=1.0, seed=1)
    ):
        membership[list(members)] = label
    return membership


# --- A. real data -----------------------------------------------------------------------------
def real(rounds: int) -> None:
    parameters = clustering_parameters_from(DEFAULT_PARAMETERS)
    f = parameters.filters
    print("== A. real data, default parameters:", DEFAULT_PARAMETERS)
    t_net, network = timed(lambda: bre_network(filters=f, with_ids=False), rounds)
    t_ids, _ = timed(lambda: bre_network(filters=f, with_ids=True), rounds)
    t_all, big = timed(lambda: bre_network(filters=ArrangementFilter(), with_ids=False), rounds)
    t_graph, graph = timed(lambda: network.graph(parameters.weighting), rounds)
    res = parameters.resolution

    def leiden():
        return partition_once(graph, algorithm="leiden", resolution=res, seed=1)

    t_one, membership = timed(leiden, rounds * 5)
    t_cons, result = timed(
        lambda: consensus(graph, algorithm="leiden", resolution=res, seed=1, repetitions=50)
    )
    t_louvain, louvain = timed(
        lambda: partition_once(graph, algorithm="louvain", resolution=res, seed=1), rounds * 5
    )
    g = to_networkx(graph)

    def nx_louvain():
        parts = nx.community.louvain_communities(g, weight="weight", resolution=res, seed=1)
        membership = np.empty(graph.vcount(), dtype=np.int64)
        for label, members in enumerate(parts):
            membership[list(members)] = label
        return membership

    t_nx, nx_membership = timed(nx_louvain, rounds)
    t_run, computed = timed(lambda: compute_run(parameters, lambda p: None))
    print(f"network: {network.node_count} municipalities, {network.edge_count} edges "
          f"(all arrangements: {big.edge_count} edges)")  # fmt: skip
    rows = [
        ("network build (pairs query + numpy), default filters", t_net),
        ("network build with arrangement ids per edge", t_ids),
        ("network build, all arrangements", t_all),
        ("igraph graph build", t_graph),
        ("Leiden, one partition", t_one),
        ("Leiden, consensus of 50", t_cons),
        ("Louvain (igraph), one partition", t_louvain),
        ("Louvain (networkx), one partition", t_nx),
        ("whole run computation (no writes)", t_run),
    ]
    for name, seconds in rows:
        print(f"  {name:52s} {seconds * 1000:9.1f} ms")
    print(f"  clusters: Leiden {membership.max() + 1}, consensus {result.membership.max() + 1}, "
          f"Louvain {louvain.max() + 1}, networkx {nx_membership.max() + 1}")  # fmt: skip
    print(f"  ARI Leiden-Louvain {agreement(membership, louvain)[0]:.3f}, "
          f"Leiden-networkx {agreement(membership, nx_membership)[0]:.3f}")  # fmt: skip
    print(f"  ratio consensus(50) / network build: {t_cons / t_net:.2f}")
    print(f"  ratio one Leiden / networkx Louvain: {t_one / t_nx:.3f}")
    print(f"  run timings: {computed.timings}")


# --- B. synthetic -----------------------------------------------------------------------------
COMMUNITY = 1000  # nodes per planted community


def synthetic_edges(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    size = COMMUNITY
    communities = max(1, n // size)
    nodes = np.arange(n)
    community = np.minimum(nodes // size, communities - 1)
    start = community * size
    length = np.where(community == communities - 1, n - start, size)
    inside_s = np.repeat(nodes, 8)
    inside_t = np.repeat(start, 8) + rng.integers(0, np.repeat(length, 8))
    near = (np.repeat(community, 2) + rng.integers(-2, 3, 2 * n)) % communities
    between_s = np.repeat(nodes, 2)
    between_t = np.minimum(near * size + rng.integers(0, size, 2 * n), n - 1)
    s = np.concatenate([inside_s, between_s])
    t = np.concatenate([inside_t, between_t])
    weights = np.concatenate([rng.integers(1, 6, len(inside_s)), np.ones(len(between_s))])
    keep = s != t
    pairs = np.column_stack([np.minimum(s, t), np.maximum(s, t)])[keep]
    pairs, first = np.unique(pairs, axis=0, return_index=True)
    return pairs, weights[keep][first].astype(np.float64)


def build_graph(n: int, pairs: np.ndarray, weights: np.ndarray) -> igraph.Graph:
    """As BreNetwork.graph does: an undirected igraph Graph with a weight per edge."""
    graph = igraph.Graph(n=n, edges=pairs.tolist(), directed=False)
    graph.es["weight"] = weights.tolist()
    return graph


def synthetic(sizes: list[int], with_networkx: bool) -> None:
    print(f"\n== B. synthetic planted partition (communities of {COMMUNITY}, ~10 edges per node)")
    header = (
        f"{'nodes':>8} {'edges':>9} {'generate':>9} {'build':>8} {'leiden':>8} {'clusters':>8} "
        f"{'disconn.':>8} {'leiden/build':>12} {'nx louvain':>10} {'leiden/nx':>9} "
        f"{'nx disconn.':>11} {'ARI truth':>9}"
    )
    print(header)
    previous = None
    for n in sizes:
        t_gen, (pairs, weights) = timed(lambda n=n: synthetic_edges(n))
        t_build, graph = timed(lambda n=n, p=pairs, w=weights: build_graph(n, p, w), 3)
        t_leiden, membership = timed(
            lambda g=graph: partition_once(g, algorithm="leiden", resolution=1.0, seed=1), 3
        )
        broken = disconnected(graph, membership)
        truth = np.minimum(np.arange(n) // COMMUNITY, max(1, n // COMMUNITY) - 1)
        ari = agreement(membership, truth)[0]
        nx_text = nx_ratio = nx_broken = "-"
        if with_networkx:
            g = to_networkx(graph)
            t_nx, nx_membership = timed(lambda g=g, n=n: networkx_louvain(g, n))
            nx_text = f"{t_nx:9.2f}s"
            nx_ratio = f"{t_leiden / t_nx:9.3f}"
            nx_broken = f"{disconnected(graph, nx_membership):11d}"
        print(
            f"{n:8d} {graph.ecount():9d} {t_gen:8.2f}s {t_build:7.2f}s {t_leiden:7.2f}s "
            f"{membership.max() + 1:8d} {broken:8d} {t_leiden / t_build:12.2f} {nx_text:>10} "
            f"{nx_ratio:>9} {nx_broken:>11} {ari:9.3f}"
        )
        if previous is not None:
            grow_n, grow_t = n / previous[0], t_leiden / previous[1]
            print(f"{'':8} nodes x{grow_n:.1f} -> Leiden time x{grow_t:.1f}")
        previous = (n, t_leiden)


# --- C. Leiden iterations: until stable (before issue 15 part 5) against LEIDEN_ITERATIONS -------
def iterations(resolutions=(1.0, 6.0, 9.0, 12.0), seeds=(1, 1001)) -> None:
    """On the real data, for every weighting x resolution x seed (all arrangements and the
    default filters), the consensus of 50 with Leiden iterated until stable (-1) and with
    ``LEIDEN_ITERATIONS``: identical or not, and when not, the final partitions' quality at
    gamma, clusters and agreement (ARI / NMI)."""
    from collaborations.clustering.services import algorithms

    after_iterations = algorithms.LEIDEN_ITERATIONS
    print(f"\n== C. Leiden until stable (-1) vs {after_iterations} iterations, consensus of 50")
    print(f"{'network':8} {'weighting':10} {'gamma':>5} {'seed':>5} {'same':>5} {'Q_g -1':>8} "
          f"{'Q_g new':>8} {'k -1':>5} {'k new':>5} {'ARI':>6} {'NMI':>6} {'s -1':>6} {'s new':>6}")  # fmt: skip
    defaults = clustering_parameters_from(DEFAULT_PARAMETERS).filters
    networks = {"default": defaults, "all": ArrangementFilter()}
    gains, same_count, total = [], 0, 0
    for name, f in networks.items():
        network = bre_network(filters=f, with_ids=False)
        for weighting in ("normalised", "count", "jaccard"):
            graph = network.graph(weighting)
            for gamma in resolutions:
                for seed in seeds:
                    results = {}
                    for it in (-1, after_iterations):
                        algorithms.LEIDEN_ITERATIONS = it
                        started = time.perf_counter()
                        results[it] = consensus(
                            graph, algorithm="leiden", resolution=gamma, seed=seed, repetitions=50
                        )
                        results[it, "s"] = time.perf_counter() - started
                    algorithms.LEIDEN_ITERATIONS = after_iterations
                    a, b = results[-1], results[after_iterations]
                    same = bool(
                        np.array_equal(a.partitions, b.partitions)
                        and np.array_equal(a.stability, b.stability)
                    )
                    qa, qb = (
                        graph.modularity(m.tolist(), weights="weight", resolution=gamma)
                        for m in (a.membership, b.membership)
                    )
                    ari, nmi = agreement(a.membership, b.membership)
                    gains.append(qb - qa)
                    same_count += same
                    total += 1
                    print(f"{name:8} {weighting:10} {gamma:5.1f} {seed:5d} {same!s:>5} {qa:8.5f} "
                          f"{qb:8.5f} {a.membership.max() + 1:5d} {b.membership.max() + 1:5d} "
                          f"{ari:6.3f} {nmi:6.3f} {results[-1, 's']:6.2f} "
                          f"{results[after_iterations, 's']:6.2f}")  # fmt: skip
    print(f"identical consensus (all 50 partitions and stability): {same_count} of {total}; "
          f"final quality at gamma new - old: mean {np.mean(gains):+.5f}, "
          f"min {min(gains):+.5f}, max {max(gains):+.5f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    parser.add_argument("--no-networkx", action="store_true", help="skip networkx (slow)")
    parser.add_argument("--no-real", action="store_true", help="skip the real data")
    parser.add_argument("--no-planted", action="store_true", help="skip B (planted partition)")
    parser.add_argument(
        "--iterations", action="store_true", help="C: Leiden until stable vs LEIDEN_ITERATIONS"
    )
    args = parser.parse_args()
    if not args.no_real:
        real(args.rounds)
    if not args.no_planted:
        synthetic(args.sizes, not args.no_networkx)
    if args.iterations:
        iterations()


if __name__ == "__main__":
    main()
