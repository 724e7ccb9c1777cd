"""Community detection and consensus (services.clustering.algorithms): the two-community
fixture is recovered, consensus and stability are deterministic for fixed seeds, and the
stability of a hand-made set of repetitions is computed by hand."""

from __future__ import annotations

import igraph
import numpy as np
import pytest

from collaborations.clustering.selectors.network import bre_network
from collaborations.clustering.services.algorithms import (
    canonical,
    consensus,
    partition_once,
    stability_of,
)
from tests.harness.communities import NO_DIVISIONS, build_two_communities

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph() -> igraph.Graph:
    build_two_communities()
    return bre_network(filters=NO_DIVISIONS, with_ids=False).graph("count")


@pytest.mark.parametrize("algorithm", ["leiden", "louvain"])
def test_the_two_communities_are_recovered(graph, algorithm):
    labels = partition_once(graph, algorithm=algorithm, resolution=1.0, seed=7)
    # Nodes in code order: a1..a4 (GM9001-9004), b1..b4 (GM9005-9008).
    assert labels.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


def test_a_high_resolution_splits_further(graph):
    labels = partition_once(graph, algorithm="leiden", resolution=5.0, seed=1)
    assert labels.max() + 1 > 2


def test_consensus_is_deterministic_for_fixed_seeds(graph):
    first = consensus(graph, algorithm="leiden", resolution=2.0, seed=3, repetitions=12)
    second = consensus(graph, algorithm="leiden", resolution=2.0, seed=3, repetitions=12)
    assert np.array_equal(first.membership, second.membership)
    assert np.array_equal(first.stability, second.stability)
    assert np.array_equal(first.partitions, second.partitions)
    assert first.chosen == second.chosen
    assert first.partitions.shape == (12, 8)


def test_consensus_of_a_clear_structure_is_fully_stable(graph):
    progress = []
    result = consensus(
        graph,
        algorithm="leiden",
        resolution=1.0,
        seed=1,
        repetitions=5,
        on_repetition=progress.append,
    )
    assert result.membership.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    assert result.stability.tolist() == [1.0] * 8
    assert result.distinct == 1 and result.chosen == 0
    assert progress == [1, 2, 3, 4, 5]


def test_stability_by_hand():
    final = np.array([0, 0, 0, 1, 1])
    partitions = np.array(
        [
            [0, 0, 0, 1, 1],  # everyone with the majority
            [0, 0, 1, 1, 1],  # cluster 0's majority label is 0: node 2 is off
            [0, 1, 1, 2, 2],  # cluster 0's majority label is 1: node 0 is off
        ]
    )
    assert stability_of(final, partitions).tolist() == pytest.approx([2 / 3, 1, 2 / 3, 1, 1])


def test_the_most_central_partition_is_chosen():
    # A path of 6 nodes with equal weights: repetitions may differ; the final partition is
    # one of the repetitions and the most similar to the others.
    graph = igraph.Graph(n=6, edges=[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)])
    graph.es["weight"] = [1.0] * 5
    result = consensus(graph, algorithm="leiden", resolution=1.0, seed=0, repetitions=20)
    assert any(np.array_equal(result.membership, p) for p in result.partitions)
    assert np.array_equal(result.membership, result.partitions[result.chosen])


def test_canonical_labels_are_by_size_then_first_node():
    assert canonical(np.array([5, 5, 9, 9, 9, 2])).tolist() == [1, 1, 0, 0, 0, 2]
    assert canonical(np.array([3, 3, 1, 1])).tolist() == [0, 0, 1, 1]
    assert canonical(np.array([], dtype=np.int64)).tolist() == []
