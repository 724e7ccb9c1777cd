"""Congruence between partitions (collaborations.divisions.congruence and the BRE partition in
collaborations.clustering.selectors.partitions), on the grid of tests/divisions/grid.py, whose
docstring computes the expected answers by hand."""

from __future__ import annotations

import datetime
import json
import math

import igraph
import pytest
from django.core.cache import cache

from collaborations.clustering.selectors.partitions import (
    partition_get,
    partition_options,
)
from collaborations.divisions.congruence.compare import (
    IN_A,
    IN_B,
    NothingToCompareError,
    partitions_compare,
)
from collaborations.divisions.congruence.matrix import (
    _division_labels,
    congruence_matrix,
    partition_ranking,
)
from collaborations.divisions.congruence.partitions import (
    PartitionNotFoundError,
    choose_regions,
    division_partition,
    province_partition,
)
from collaborations.divisions.measures import COINCIDING, CROSSING, WITHIN, measures
from collaborations.geography.selectors.borders import (
    ONLY_A,
    ONLY_B,
    SHARED,
    border_classes,
    municipality_adjacency,
)
from collaborations.geography.selectors.validity import today
from tests.factories import DivisionFactory

from .grid import ARI_A_B, ENDED, build_grid

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(db):
    return build_grid()


def _regions(partition, grid) -> dict[str, str]:
    """{municipality key: region name}."""
    return {key: partition.regions[partition.labels[m.pk]].name for key, m in grid.m.items()}


# --- partitions -------------------------------------------------------------------------------
def test_a_division_as_partition_today_leaves_out_ended_regions_and_memberships(grid):
    b = division_partition(slug="ggd-regios")
    assert b.name == "GGD-regio's (2024)"
    assert _regions(b, grid) == {
        "m00": "GGD-West", "m01": "GGD-West", "m10": "GGD-Midden", "m11": "GGD-Midden",
        "m20": "GGD-Oost", "m21": "GGD-Oost",
    }  # fmt: skip
    assert b.multiple == 0
    # before 2020 GGD-Gestopt (m00) and the membership of m21 in GGD-West were in force
    earlier = division_partition(slug="ggd-regios", day=ENDED - datetime.timedelta(days=1))
    assert earlier.multiple == 2
    assert _regions(earlier, grid)["m00"] == "GGD-West"  # the lower id of two equal shares


def test_a_municipality_in_two_regions_goes_to_one_and_is_counted(grid):
    overlap = division_partition(slug="overlap-indeling")
    assert overlap.multiple == 1
    assert _regions(overlap, grid)["m00"] == "O1"
    assert choose_regions([(1, "x", 0.4), (1, "y", 0.6), (2, "x", 1)]) == ({1: "y", 2: "x"}, 1)


def test_a_division_on_an_earlier_day_and_unknown_ones(grid):
    old = division_partition(slug="veiligheidsregios", day=datetime.date(2020, 1, 1))
    assert set(old.labels.values()) == {"veiligheidsregios-oud"}
    assert old.name == "Veiligheidsregio's (2016)"
    assert division_partition(slug="veiligheidsregios").name == "Veiligheidsregio's (2024)"
    with pytest.raises(PartitionNotFoundError, match="onbekende indeling"):
        division_partition(slug="bestaat-niet")
    DivisionFactory(slug="leeg", name="Leeg")
    with pytest.raises(PartitionNotFoundError, match="geen regio"):
        division_partition(slug="leeg")


def test_provinces_and_a_bre_run_as_partitions(grid):
    provinces = province_partition()
    assert _regions(provinces, grid) == {
        "m00": "Utrecht", "m01": "Utrecht", "m10": "Utrecht", "m11": "Utrecht",
        "m20": "Noord-Holland", "m21": "Noord-Holland",
    }  # fmt: skip
    bre = partition_get(reference="bre:standaard")
    assert bre.kind == "bre" and bre.ref == "bre:standaard"
    assert _regions(bre, grid)["m11"] == "West" and _regions(bre, grid)["m20"] == "Oost"
    assert partition_get(reference=f"bre:{grid.run.pk}").labels == bre.labels
    assert partition_get(reference="provincies").labels == provinces.labels
    with pytest.raises(PartitionNotFoundError):
        partition_get(reference="bre:999")
    options = [o.ref for o in partition_options()]
    assert options == [
        "ggd-regios", "halve-indeling", "overlap-indeling", "veiligheidsregios", "provincies",
        "bre:standaard",
    ]  # fmt: skip


# --- two partitions compared ------------------------------------------------------------------
def test_the_hand_computed_comparison(grid):
    a = partition_get(reference="veiligheidsregios")
    b = partition_get(reference="ggd-regios")
    comparison = partitions_compare(a=a, b=b)
    assert comparison.measures.ari == pytest.approx(ARI_A_B)
    assert [grid.m[k].pk for k in sorted(grid.m)] == sorted(comparison.compared)
    assert (comparison.only_a, comparison.only_b, comparison.neither) == (0, 0, 0)
    fits = {f.region.name: f for f in comparison.fits}
    assert {name: f.fit for name, f in fits.items()} == {"VR-Oost": CROSSING, "VR-West": CROSSING}
    west = fits["VR-West"]
    assert [(r.name, n) for r, n in west.touches] == [("GGD-West", 2), ("GGD-Midden", 1)]
    assert west.outside == [grid.id("m10")] and fits["VR-Oost"].outside == [grid.id("m11")]
    separated = {m: sorted(v) for m, v in comparison.separations.items()}
    assert separated == {
        grid.id("m00"): [(grid.id("m10"), IN_A)],
        grid.id("m10"): sorted([(grid.id("m00"), IN_A), (grid.id("m11"), IN_B)]),
        grid.id("m11"): sorted([(grid.id("m21"), IN_A), (grid.id("m10"), IN_B)]),
        grid.id("m21"): [(grid.id("m11"), IN_A)],
    }


def test_the_other_way_round_regions_lie_within(grid):
    b = partition_get(reference="ggd-regios")
    a = partition_get(reference="veiligheidsregios")
    fits = {f.region.name: f.fit for f in partitions_compare(a=b, b=a).fits}
    assert fits == {"GGD-West": WITHIN, "GGD-Midden": CROSSING, "GGD-Oost": WITHIN}
    same = partitions_compare(a=a, b=a)
    assert {f.fit for f in same.fits} == {COINCIDING}
    assert same.measures.ari == 1.0 and not same.separations


def test_only_municipalities_in_both_are_compared_and_the_rest_reported(grid):
    a = partition_get(reference="veiligheidsregios")
    half = partition_get(reference="halve-indeling")
    comparison = partitions_compare(a=a, b=half)
    assert sorted(comparison.compared) == sorted([grid.id("m00"), grid.id("m10")])
    assert (comparison.only_a, comparison.only_b, comparison.neither) == (4, 0, 0)
    assert comparison.measures.municipalities == 2


def test_nothing_in_common(grid):
    a = partition_get(reference="veiligheidsregios")
    empty = type(a)(ref="x", name="x", kind="indeling", labels={}, regions={})
    with pytest.raises(NothingToCompareError):
        partitions_compare(a=a, b=empty)


def test_compare_reads_two_queries(grid, django_assert_num_queries):
    a = partition_get(reference="veiligheidsregios")
    b = partition_get(reference="ggd-regios")
    municipality_adjacency()  # cached, as on a page after the first visit
    with django_assert_num_queries(2):  # municipalities in force, the data version
        partitions_compare(a=a, b=b)


def test_reading_a_partition_takes_two_queries(grid, django_assert_num_queries):
    with django_assert_num_queries(2):
        division_partition(slug="ggd-regios")


# --- adjacency and borders ---------------------------------------------------------------------
def test_adjacency_is_the_seven_shared_edges(grid):
    pairs = {tuple(sorted((a, b))) for a, b in municipality_adjacency()}
    ids = {grid.id(k): k for k in grid.m}
    named = {tuple(sorted((ids[a], ids[b]))) for a, b in pairs}
    assert named == {
        ("m00", "m10"), ("m10", "m20"), ("m01", "m11"), ("m11", "m21"),
        ("m00", "m01"), ("m10", "m11"), ("m20", "m21"),
    }  # fmt: skip


def test_borders_are_classified_in_postgis(grid):
    a = partition_get(reference="veiligheidsregios")
    b = partition_get(reference="ggd-regios")
    classes = {cls: (n, json.loads(geojson)) for cls, n, geojson in border_classes(
        labels_a=a.labels, labels_b=b.labels
    )}  # fmt: skip
    assert {cls: n for cls, (n, _) in classes.items()} == {SHARED: 2, ONLY_A: 1, ONLY_B: 2}
    # m10|m11 (A only) is the horizontal edge at lat 52.05 from lon 5.05 to 5.10
    only_a = classes[ONLY_A][1]
    points = {tuple(p) for line in _lines(only_a) for p in line}
    assert points == {(5.05, 52.05), (5.1, 52.05)}
    # m10|m20 and m01|m11 share no point: two lines; the class of B only likewise
    assert len(_lines(classes[SHARED][1])) == 2


def _lines(geometry: dict) -> list:
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


# --- the matrix --------------------------------------------------------------------------------
def test_the_matrix_has_every_pair_of_divisions_in_force_once(grid):
    divisions, pairs = congruence_matrix()
    slugs = [d.slug for d in divisions]
    assert slugs == ["ggd-regios", "halve-indeling", "overlap-indeling", "veiligheidsregios"]
    assert [(p.a, p.b) for p in pairs] == [
        (slugs[i], slugs[j]) for i in range(4) for j in range(i + 1, 4)
    ]
    by_pair = {(p.a, p.b): p.measures for p in pairs}
    a = partition_get(reference="veiligheidsregios")
    b = partition_get(reference="ggd-regios")
    keys = sorted(a.labels)
    expected = measures([b.labels[k] for k in keys], [a.labels[k] for k in keys])
    assert by_pair[("ggd-regios", "veiligheidsregios")] == expected
    assert by_pair[("halve-indeling", "veiligheidsregios")].municipalities == 2
    overlap = {d.slug: d for d in divisions}["overlap-indeling"]
    assert (overlap.regions, overlap.municipalities, overlap.multiple) == (2, 6, 1)


def test_the_matrix_is_one_query_and_cached(grid, django_assert_num_queries):
    with django_assert_num_queries(1):
        _division_labels(today())
    cache.clear()
    congruence_matrix()
    with django_assert_num_queries(1):  # the data version
        congruence_matrix()


def test_the_matrix_agrees_with_igraph(grid):
    _, pairs = congruence_matrix()
    for pair in pairs:
        a = partition_get(reference=pair.a)
        b = partition_get(reference=pair.b)
        keys = sorted(set(a.labels) & set(b.labels))
        la = [sorted(set(a.labels.values())).index(a.labels[k]) for k in keys]
        lb = [sorted(set(b.labels.values())).index(b.labels[k]) for k in keys]
        ari = igraph.compare_communities(la, lb, method="adjusted_rand")
        if math.isnan(ari):  # one region on both sides: identical by our convention
            assert len(set(la)) == len(set(lb)) == 1 and pair.measures.ari == 1.0
            continue
        assert pair.measures.ari == pytest.approx(ari, abs=1e-9)
        assert pair.measures.nmi == pytest.approx(
            igraph.compare_communities(la, lb, method="nmi"), abs=1e-9
        )
        assert pair.measures.vi == pytest.approx(
            igraph.compare_communities(la, lb, method="vi"), abs=1e-9
        )


def test_a_partition_ranked_against_every_division(grid):
    a = partition_get(reference="veiligheidsregios")
    ranking = partition_ranking(partition=a)
    # the half division: both put its two municipalities together (1 by convention)
    assert [d.slug for d, _ in ranking] == ["halve-indeling", "overlap-indeling", "ggd-regios"]
    # of equal agreement, the division that compares more municipalities comes first
    assert ranking[1][1].ari == pytest.approx(1.2 / 3.7)
    assert "veiligheidsregios" not in [d.slug for d, _ in ranking]
    assert [m.ari for _, m in ranking] == sorted((m.ari for _, m in ranking), reverse=True)
    bre = partition_get(reference="bre:standaard")
    best, measured = partition_ranking(partition=bre)[0]
    assert best.slug == "overlap-indeling" and measured.ari == 1.0
