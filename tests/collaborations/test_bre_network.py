"""The BRE co-membership network (selectors.bre_network), on a small fixture with two
communities (the builder: tests/harness/communities.py, shared by the other BRE tests).

The fixture lies on the test grid near Utrecht (tests/factories.square; a cell is 0.05 x 0.05
degrees, south-west corner (5.0 + 0.05*col, 52.0 + 0.05*row)):

    row 1 |  a3 GM9003 | a4 GM9004 | b3 GM9007 | b4 GM9008 |
    row 0 |  a1 GM9001 | a2 GM9002 | b1 GM9005 | b2 GM9006 |        (col 6, row 3: island)
             province PV26 (a*)   | province PV27 (b*)

Arrangements (municipal members; themes):
- A-all-1: a1 a2 a3 a4 (wonen, mobiliteit); A-all-2: a1 a2 a3 a4 (afval); A-pair: a1 a2 (jeugd)
- B-all-1: b1 b2 b3 b4 (wonen); B-all-2: b1 b2 b3 b4 (afval, jeugd); B-pair: b3 b4 (mobiliteit);
  B-trio: b1 b2 b3 (wonen, mobiliteit, afval)
- link: a2 b1 (economie): the one weak link, across the province border
- solo: a1 and province PV26 (one municipal member: no line)
- ended: a1 b4, ended on 2020-01-01 (not counted today)
- division ``testindeling`` (samenwerking): R1 = a1 a2 a3 a4 b1, R2 = b2 b3 b4
With ``island=True`` a ninth municipality i1 (GM9009, PV27) lies apart at (6, 3), with
i1-b4 in two arrangements (I-1, I-2) and i1-a1 in one (I-3)."""

from __future__ import annotations

import datetime
from fractions import Fraction

import numpy as np
import pytest

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.clustering.selectors.network import bre_network, co_membership
from collaborations.core.choices import OrganisationKind
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    square,
)
from tests.harness.communities import (
    NO_DIVISIONS,
    Fixture,
    add_arrangement,
    build_two_communities,
)

__all__ = ["NO_DIVISIONS", "build_two_communities"]  # where older modules looked for them

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communities(db) -> Fixture:
    return build_two_communities()


def _weights(network, weighting: str) -> dict[tuple[str, str], float]:
    weights = network.weights(weighting)
    return {
        (network.codes[s], network.codes[t]): float(w)
        for s, t, w in zip(network.sources, network.targets, weights, strict=True)
    }


def _pair(data: Fixture, x: str, y: str) -> tuple[str, str]:
    return tuple(sorted((data.code(x), data.code(y))))


def test_nodes_are_all_current_municipalities_in_code_order(two_communities):
    network = bre_network(filters=NO_DIVISIONS)
    assert network.codes == tuple(f"GM90{i:02d}" for i in range(1, 9))
    assert network.node_count == 8


def test_count_weights_are_the_shared_arrangements(two_communities):
    data = two_communities
    weights = _weights(bre_network(filters=NO_DIVISIONS), "count")
    # 6 pairs in A (2 each, a1-a2 3), 6 pairs in B (2 each, +1 b3-b4, +1 per trio pair), link.
    assert len(weights) == 13
    assert weights[_pair(data, "a1", "a2")] == 3
    assert weights[_pair(data, "a3", "a4")] == 2
    assert weights[_pair(data, "b1", "b2")] == 3
    assert weights[_pair(data, "b3", "b4")] == 3
    assert weights[_pair(data, "b1", "b4")] == 2
    assert weights[_pair(data, "a2", "b1")] == 1
    assert _pair(data, "a1", "b4") not in weights  # "ended" is not counted today
    assert sum(weights.values()) == 30


def test_normalised_weights_divide_each_arrangement_over_its_pairs(two_communities):
    data = two_communities
    weights = _weights(bre_network(filters=NO_DIVISIONS), "normalised")
    # An arrangement of n members adds 1/(n-1) to each pair: 1/3 (4 members), 1/2 (3), 1 (2).
    assert weights[_pair(data, "a1", "a2")] == pytest.approx(1 / 3 + 1 / 3 + 1)
    assert weights[_pair(data, "a1", "a3")] == pytest.approx(2 / 3)
    assert weights[_pair(data, "b1", "b2")] == pytest.approx(2 / 3 + 1 / 2)
    assert weights[_pair(data, "b3", "b4")] == pytest.approx(2 / 3 + 1)
    assert weights[_pair(data, "a2", "b1")] == pytest.approx(1)


def test_jaccard_weights_use_all_arrangements_of_either(two_communities):
    data = two_communities
    weights = _weights(bre_network(filters=NO_DIVISIONS), "jaccard")
    # a1: A-all-1, A-all-2, A-pair, solo (4); a2: A-all-1, A-all-2, A-pair, link (4).
    assert weights[_pair(data, "a1", "a2")] == pytest.approx(3 / (4 + 4 - 3))
    assert weights[_pair(data, "a3", "a4")] == pytest.approx(1.0)
    # b1: B-all-1, B-all-2, B-trio, link (4); b2: B-all-1, B-all-2, B-trio (3).
    assert weights[_pair(data, "b1", "b2")] == pytest.approx(3 / (4 + 3 - 3))
    assert weights[_pair(data, "a2", "b1")] == pytest.approx(1 / (4 + 4 - 1))


def test_every_edge_is_explained_by_its_arrangements(two_communities):
    data = two_communities
    network = bre_network(filters=NO_DIVISIONS)
    a2, b1 = data.m["a2"].pk, data.m["b1"].pk
    assert network.explain(a2, b1) == (data.a["link"].pk,)
    expected = tuple(sorted(data.a[k].pk for k in ("A-all-1", "A-all-2", "A-pair")))
    assert network.explain(data.m["a2"].pk, data.m["a1"].pk) == expected
    for ids, shared in zip(network.arrangement_ids, network.shared, strict=True):
        assert len(ids) == shared


def test_filters_are_the_api_filters(two_communities):
    data = two_communities
    with_divisions = _weights(bre_network(), "count")
    assert with_divisions[_pair(data, "a1", "b1")] == 1  # region R1
    assert with_divisions[_pair(data, "a1", "a2")] == 4
    themed = _weights(bre_network(filters=ArrangementFilter(themes=("economie",))), "count")
    assert themed == {_pair(data, "a2", "b1"): 1}
    past = bre_network(filters=ArrangementFilter(day=datetime.date(2015, 1, 1)))
    assert _weights(past, "count")[_pair(data, "a1", "b4")] == 1  # "ended" was valid then


def test_graph_and_build_without_ids(two_communities):
    network = bre_network(filters=NO_DIVISIONS, with_ids=False)
    assert network.arrangement_ids is None
    graph = network.graph("normalised")
    assert graph.vcount() == 8 and graph.ecount() == 13
    assert sum(graph.es["weight"]) == pytest.approx(float(network.normalised.sum()))
    with pytest.raises(ValueError, match="unknown weighting"):
        network.weights("bogus")


def test_organisation_members_draw_no_lines(two_communities):
    data = two_communities
    from tests.factories import OrganisationFactory

    arrangement = add_arrangement(data, "with-org", ["a3"], ["wonen"])
    MembershipFactory(
        arrangement=arrangement,
        municipality=None,
        organisation=OrganisationFactory(kind=OrganisationKind.WATERSCHAP),
    )
    assert len(_weights(bre_network(filters=NO_DIVISIONS), "count")) == 13


def test_a_split_member_is_represented_by_its_main_successor_only(two_communities):
    data = two_communities
    from tests.factories import ReorganisationFactory

    # "oud" (a cell away from the grid, gone in 2021) was split: most of it to a1 (the main
    # successor), a village to b1.
    old = MunicipalityFactory(
        code="GM9099", name="oud", geom=square(5, 3), valid_to=datetime.date(2021, 1, 1)
    )
    for successor, share, main in (("a1", "0.8", True), ("b1", "0.2", False)):
        ReorganisationFactory(
            predecessor=old,
            successor=data.m[successor],
            date=datetime.date(2021, 1, 1),
            kind="opsplitsing",
            area_share=share,
            is_main_successor=main,
        )
    lineage_rebuild()
    arrangement = add_arrangement(data, "with-old", ["a3"], ["wonen"])
    MembershipFactory(arrangement=arrangement, municipality=old)
    weights = _weights(bre_network(filters=NO_DIVISIONS), "count")
    assert weights[_pair(data, "a1", "a3")] == 3  # A-all-1, A-all-2 and with-old
    assert weights.get(_pair(data, "a3", "b1")) is None  # not through the village


def test_co_membership_from_pairs_by_hand():
    # Arrangements (id: municipality ids): 10: 1 2 3 4; 11: 1 2 3 4; 12: 2 1 (unordered); 13: 4
    # alone (no line, but counted among 4's arrangements for jaccard); 14: 3 5 6.
    aids = np.array([10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 13, 14, 14, 14])
    mids = np.array([4, 3, 2, 1, 1, 2, 3, 4, 2, 1, 4, 6, 5, 3])
    edges = co_membership(aids, mids, with_ids=True)
    pairs = list(zip(edges.s.tolist(), edges.t.tolist(), strict=True))
    assert pairs == [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4), (3, 5), (3, 6), (5, 6)]
    assert edges.shared.tolist() == [3, 2, 2, 2, 2, 2, 1, 1, 1]
    assert edges.arrangement_ids == (
        (10, 11, 12), (10, 11), (10, 11), (10, 11), (10, 11), (10, 11), (14,), (14,), (14,)
    )  # fmt: skip
    # 1/3 + 1/3 + 1 is 5/3 exactly: the sum is the float nearest the exact value
    assert edges.normalised[0] == float(Fraction(5, 3))
    assert edges.normalised[6] == 0.5
    # 3 is in 10, 11, 14 and 4 in 10, 11, 13: 2 / (3 + 3 - 2)
    assert edges.jaccard[5] == 2 / 4


def test_co_membership_of_nothing():
    empty = np.array([], dtype=np.int64)
    edges = co_membership(empty, empty, with_ids=True)
    assert len(edges.s) == 0 and edges.arrangement_ids == ()
