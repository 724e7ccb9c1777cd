"""Congruence measures: hand-computed cases and agreement with igraph.compare_communities."""

import math
import random

import igraph
import pytest

from collaborations.divisions.measures import COINCIDING, CROSSING, WITHIN, measures, region_fits


def test_a_hand_computed_case():
    # Four municipalities: A = {1,2}{3,4}; B = {1,2,3}{4}. Contingency [[2,0],[1,1]].
    a, b = ["x", "x", "y", "y"], ["p", "p", "p", "q"]
    m = measures(a, b)
    # Pairs together: in both 1 (1-2); in A 2; in B 3; of 6. Expected 2*3/6 = 1, max 2.5.
    assert m.ari == pytest.approx((1 - 1) / (2.5 - 1))
    h_a = math.log(2)
    h_b = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    mi = 0.5 * math.log(4 / 3) + 0.25 * math.log(2 / 3) + 0.25 * math.log(2)
    assert m.nmi == pytest.approx(2 * mi / (h_a + h_b))
    assert m.vi == pytest.approx(h_a + h_b - 2 * mi)
    assert m.homogeneity == pytest.approx(mi / h_b)
    assert m.completeness == pytest.approx(mi / h_a)
    assert (m.municipalities, m.regions_a, m.regions_b) == (4, 2, 2)
    assert round(m.nmi, 6) == 0.343711 and round(m.vi, 6) == 0.823959


def test_identical_partitions_under_other_names():
    m = measures(["a", "a", "b", "c", "c"], ["Q", "Q", "R", "S", "S"])
    assert (m.ari, m.nmi, m.vi, m.homogeneity, m.completeness) == pytest.approx((1, 1, 0, 1, 1))
    assert {f.fit for f in region_fits(["a", "a", "b"], ["Q", "Q", "R"])} == {COINCIDING}


def test_nesting_shows_in_one_direction_only():
    a = ["a", "a", "b", "b", "c", "c"]  # A nests in B
    b = ["P", "P", "P", "P", "Q", "Q"]
    m = measures(a, b)
    assert m.homogeneity == pytest.approx(1.0)
    assert m.completeness < 1
    swapped = measures(b, a)
    assert (swapped.homogeneity, swapped.completeness) == pytest.approx(
        (m.completeness, m.homogeneity)
    )
    fits = {f.region: f.fit for f in region_fits(a, b)}
    assert fits == {"a": WITHIN, "b": WITHIN, "c": COINCIDING}


def test_a_crossing_region_names_the_regions_it_touches_and_the_wrong_side():
    a = ["x", "x", "x", "y"]
    b = ["p", "p", "q", "q"]
    fit = {f.region: f for f in region_fits(a, b)}["x"]
    assert fit.fit == CROSSING
    assert fit.touches == [("p", 2), ("q", 1)]
    assert fit.outside == [2]


def test_one_region_each_is_identical():
    m = measures(["a"] * 3, ["b"] * 3)
    assert (m.ari, m.nmi, m.vi) == (1.0, 1.0, 0.0)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        measures(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        measures([], [])


@pytest.mark.parametrize("seed", range(25))
def test_agrees_with_igraph_to_1e9(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 400)
    a = [rng.randrange(rng.randint(1, 40)) for _ in range(n)]
    b = [rng.randrange(rng.randint(1, 40)) for _ in range(n)]
    m = measures(a, b)
    assert m.vi == pytest.approx(igraph.compare_communities(a, b, method="vi"), abs=1e-9)
    assert m.nmi == pytest.approx(igraph.compare_communities(a, b, method="nmi"), abs=1e-9)
    assert m.ari == pytest.approx(
        igraph.compare_communities(a, b, method="adjusted_rand"), abs=1e-9
    )
