"""Measures, agreement with official divisions and geography of BRE clusters, each against a
case computed by hand (see the fixture in tests/harness/communities.py and docs/bre.md)."""

from __future__ import annotations

import igraph
import numpy as np
import pytest
from django.core.cache import cache

from collaborations.clustering.selectors.network import bre_network
from collaborations.clustering.selectors.runs import (
    Labelling,
    bre_memberships,
    municipality_facts,
    official_partitions,
)
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
from collaborations.geography.selectors.borders import municipality_adjacency
from tests.harness.communities import NO_DIVISIONS, build_two_communities

pytestmark = pytest.mark.django_db
TWO = np.array([0, 0, 0, 0, 1, 1, 1, 1])  # a1..a4 | b1..b4


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the adjacency is cached per day and data version
    yield
    cache.clear()


@pytest.fixture
def setup():
    data = build_two_communities()
    network = bre_network(filters=NO_DIVISIONS, with_ids=False)
    memberships = bre_memberships(filters=NO_DIVISIONS, network=network)
    facts = municipality_facts(network=network)
    return data, network, memberships, facts


def _measures(network, memberships, facts, weighting="count", membership=TWO):
    return cluster_measures(
        membership=membership,
        sources=network.sources,
        targets=network.targets,
        weights=network.weights(weighting),
        memberships=memberships,
        provinces=facts.provinces,
    )


def test_memberships_leave_out_arrangements_with_one_municipal_member(setup):
    data, _network, memberships, _ = setup
    ids = set(memberships.arrangement_ids.tolist())
    assert data.a["solo"].pk not in ids and data.a["ended"].pk not in ids
    assert len(ids) == 8  # A-all-1, A-all-2, A-pair, B-all-1, B-all-2, B-pair, B-trio, link
    assert sorted(memberships.sizes.tolist()) == [2, 2, 2, 3, 4, 4, 4, 4]


def test_cluster_measures_by_hand(setup):
    _, network, memberships, facts = setup
    a, b = _measures(network, memberships, facts)
    # A: internal weight 5*2 + 3 = 13, plus the link (1) = 14 incident.
    assert a["aantalGemeenten"] == 4
    assert a["gewichtIntern"] == 13 and a["gewichtTotaal"] == 14
    assert a["territorialeCongruentieGewicht"] == pytest.approx(13 / 14, abs=1e-4)
    # Touching A: A-all-1, A-all-2, A-pair, link; inside: the first three.
    assert a["aantalSamenwerkingsverbanden"] == 4
    assert a["territorialeCongruentieVerbanden"] == 0.75
    assert a["lidmaatschapsCongruentie"] == 0.5  # A-all-1 and A-all-2 have all of a1..a4
    assert a["gemiddeldAantalThemas"] == 1.25  # (2 + 1 + 1 + 1) / 4
    assert a["aandeelMeerdereThemas"] == 0.25
    assert a["gemiddeldAantalGemeentelijkeLeden"] == 3.0  # (4 + 4 + 2 + 2) / 4
    assert a["provinciegrensoverschrijdend"] == 1  # link: PV26 and PV27
    assert a["aandeelProvinciegrensoverschrijdend"] == 0.25
    # B: internal 6*2 + 1 (B-pair) + 3 (B-trio) = 16; touching B-all-1, B-all-2, B-pair,
    # B-trio and link.
    assert b["gewichtIntern"] == 16 and b["gewichtTotaal"] == 17
    assert b["territorialeCongruentieGewicht"] == pytest.approx(16 / 17, abs=1e-4)
    assert b["aantalSamenwerkingsverbanden"] == 5
    assert b["territorialeCongruentieVerbanden"] == 0.8
    assert b["lidmaatschapsCongruentie"] == 0.4
    assert b["gemiddeldAantalThemas"] == 1.6  # (1 + 2 + 1 + 3 + 1) / 5
    assert b["aandeelMeerdereThemas"] == 0.4
    assert b["gemiddeldAantalGemeentelijkeLeden"] == 3.0  # (4 + 4 + 2 + 3 + 2) / 5
    assert b["provinciegrensoverschrijdend"] == 1


def test_weight_congruence_follows_the_weighting(setup):
    _, network, memberships, facts = setup
    a, _ = _measures(network, memberships, facts, weighting="normalised")
    # A: four pairs of 2/3, a1-a2 5/3 ... internal 5 * 2/3 + 5/3 = 5; link 1.
    assert a["gewichtIntern"] == pytest.approx(5.0, abs=1e-4)
    assert a["territorialeCongruentieGewicht"] == pytest.approx(5 / 6, abs=1e-4)


def test_one_cluster_holding_everything(setup):
    _, network, memberships, facts = setup
    (everything,) = _measures(network, memberships, facts, membership=np.zeros(8, dtype=int))
    assert everything["territorialeCongruentieGewicht"] == 1.0
    assert everything["territorialeCongruentieVerbanden"] == 1.0
    assert everything["lidmaatschapsCongruentie"] == 0.0  # no arrangement has all 8


def test_modularity_by_hand(setup):
    _, network, _, _ = setup
    graph = network.graph("count")
    # m = 30; A: W_in 13, strength 27; B: W_in 16, strength 33.
    expected = (13 / 30 - (27 / 60) ** 2) + (16 / 30 - (33 / 60) ** 2)
    assert modularity(graph, TWO) == pytest.approx(expected, abs=1e-4)


def test_agreement_by_hand():
    # Division R1 = a1..a4 + b1, R2 = b2..b4. Pairs together: in both 6 + 0 + 3 = 9; in the
    # clusters 12; in the division 10 + 3 = 13; of 28 pairs. ARI = (9 - 12*13/28) / (12.5 -
    # 12*13/28).
    labelling = Labelling("t", "T", np.array([0, 0, 0, 0, 0, 1, 1, 1]), 1.0, 0.0)
    same = Labelling("p", "P", np.array([4, 4, 4, 4, 7, 7, 7, 7]), 1.0, 0.0)
    rows = division_agreement(TWO, [labelling, same])
    expected = (9 - 12 * 13 / 28) / (12.5 - 12 * 13 / 28)
    assert rows[0]["indeling"] == "p" and rows[0]["ari"] == 1.0 and rows[0]["nmi"] == 1.0
    assert rows[1]["ari"] == pytest.approx(expected, abs=1e-4)
    assert rows[1]["aantalRegios"] == 2


def test_official_partitions_from_the_data(setup):
    _data, network, _, facts = setup
    labellings, regions = official_partitions(network=network, facts=facts)
    by_slug = {labelling.slug: labelling for labelling in labellings}
    assert set(by_slug) == {"provincies", "testindeling"}
    assert by_slug["provincies"].labels.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    division = by_slug["testindeling"]
    assert len(set(division.labels[:5].tolist())) == 1 and division.labels[5] != division.labels[4]
    assert division.coverage == 1.0 and division.multiple == 0.0
    match = best_region(frozenset(range(4)), regions)
    assert match == {"indeling": "provincies", "regio": "Utrecht", "jaccard": 1.0}
    match = best_region(frozenset(range(5)), regions)
    assert match["regio"] == "R1" and match["jaccard"] == 1.0


def test_multiple_membership_picks_the_largest_share(setup):
    data, network, _, facts = setup
    from tests.factories import MembershipFactory

    # a1 also in R2: two regions with equal share; the lowest region id (R1) wins.
    MembershipFactory(arrangement=data.a["R2"], municipality=data.m["a1"])
    labellings, _ = official_partitions(network=network, facts=facts)
    division = next(lab for lab in labellings if lab.slug == "testindeling")
    assert division.multiple == pytest.approx(1 / 8)
    assert division.labels[0] == division.labels[1]


def test_centre_is_the_member_in_most_arrangements(setup):
    _, network, memberships, facts = setup
    per_node = np.bincount(memberships.pair_node, minlength=8)
    w = network.weights("count")
    # a2 is in 4 of the counted arrangements (a1 in 3: "solo" does not count).
    assert centre_of(np.arange(4), facts.leads, per_node, network.sources, network.targets, w) == 1


# --- geography -------------------------------------------------------------------------------
def test_adjacency_by_postgis_shares_a_border_not_a_corner(db):
    data = build_two_communities(island=True)
    pairs = municipality_adjacency()
    names = {m.pk: key for key, m in data.m.items()}
    got = {tuple(sorted((names[a], names[b]))) for a, b in pairs}
    assert got == {
        ("a1", "a2"), ("a2", "b1"), ("b1", "b2"), ("a3", "a4"), ("a4", "b3"), ("b3", "b4"),
        ("a1", "a3"), ("a2", "a4"), ("b1", "b3"), ("b2", "b4"),
    }  # fmt: skip
    assert ("a1", "a4") not in got  # corner only


def test_adjacency_is_cached(db, django_assert_num_queries):
    build_two_communities()
    first = municipality_adjacency()
    with django_assert_num_queries(1):  # the data version only
        assert municipality_adjacency() == first


def _grid_adjacency() -> igraph.Graph:
    # 0-1-2 in a row, 3-4 in a row, 5 alone (an island).
    return igraph.Graph(n=6, edges=[(0, 1), (1, 2), (3, 4)])


def test_contiguity_reports_parts_and_islands():
    adjacency = _grid_adjacency()
    whole = contiguity(adjacency, np.array([0, 1, 2]))
    assert whole.parts == 1 and whole.contiguous and whole.islands == () and whole.detached == ()
    with_island = contiguity(adjacency, np.array([0, 1, 2, 5]))
    assert with_island.parts == 2 and with_island.islands == (5,) and with_island.contiguous
    apart = contiguity(adjacency, np.array([0, 1, 3, 4]))
    assert apart.parts == 2 and not apart.contiguous and apart.detached in ((0, 1), (3, 4))
    assert contiguity(adjacency, np.array([5])).islands == (5,)


def test_split_into_contiguous_parts_moves_islands_to_their_strongest_partner():
    adjacency = _grid_adjacency()
    graph = igraph.Graph(n=6, edges=[(0, 1), (1, 2), (3, 4), (5, 3), (5, 0)])
    graph.es["weight"] = [1.0, 1.0, 1.0, 3.0, 1.0]  # island 5 shares most with 3
    membership = np.array([0, 0, 1, 0, 0, 1])  # cluster 0 = {0, 1, 3, 4}: two parts
    labels = split_contiguous(membership, adjacency, graph)
    groups = {frozenset(np.flatnonzero(labels == c).tolist()) for c in range(labels.max() + 1)}
    assert groups == {frozenset({0, 1}), frozenset({3, 4, 5}), frozenset({2})}


def test_island_fixture_clusters_and_contiguity(db):
    data = build_two_communities(island=True)
    network = bre_network(filters=NO_DIVISIONS, with_ids=False)
    adjacency = adjacency_graph(network.municipality_ids, municipality_adjacency())
    island = network.codes.index(data.code("i1"))
    membership = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])
    shape = contiguity(adjacency, np.flatnonzero(membership == 1))
    assert shape.islands == (island,) and shape.parts == 2 and shape.contiguous
    # Split: the island goes to b4's cluster (2 shared) rather than a1's (1 shared).
    labels = split_contiguous(np.array([0, 0, 0, 0, 1, 1, 1, 1, 0]), adjacency, network.graph())
    assert labels[island] == labels[network.codes.index(data.code("b4"))]


def test_cluster_unions_are_the_members_area(setup):
    data, network, _, _ = setup
    from collaborations.clustering.selectors.runs import boundary_wkb

    wkb = boundary_wkb(municipality_ids=network.municipality_ids.tolist())
    index = {mid: i for i, mid in enumerate(network.municipality_ids.tolist())}
    unions = cluster_unions(TWO, {index[m]: g for m, g in wkb.items()})
    assert len(unions) == 2
    for union in unions:
        assert union.geom_type == "MultiPolygon" and len(union) == 1  # one block, no seams
        assert union.area == pytest.approx(4 * 0.05 * 0.05, rel=1e-6)
    assert cluster_unions(np.array([0, 0, 1]), {0: wkb[data.m["a1"].pk]})[1] is None
