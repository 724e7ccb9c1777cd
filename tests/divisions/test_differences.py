"""The differences between two partitions, each on its own peildatum
(collaborations.divisions.congruence.differences), on the grid of tests/divisions/grid.py."""

from __future__ import annotations

import datetime

import pytest

from collaborations.clustering.selectors.partitions import partition_get
from collaborations.divisions.congruence.differences import (
    MOVED,
    ONLY_IN_A,
    ONLY_IN_B,
    partitions_differences,
    region_counterparts,
)
from collaborations.divisions.congruence.partitions import Partition, Region
from collaborations.geography.selectors.borders import ONLY_A, ONLY_B
from collaborations.geography.selectors.validity import today
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import MunicipalityFactory, ReorganisationFactory, square

from .grid import build_grid

pytestmark = pytest.mark.django_db
EARLIER = datetime.date(2020, 1, 1)


@pytest.fixture
def grid(db):
    return build_grid()


def _moves(differences, grid) -> dict[str, tuple]:
    keys = {m.pk: key for key, m in grid.m.items()}
    return {
        keys.get(m.municipality, m.municipality): (
            m.kind,
            m.a.name if m.a else None,
            m.b.name if m.b else None,
            m.expected.name if m.expected else None,
        )
        for m in differences.moves
    }


def test_two_divisions_on_one_day_counterparts_moves_and_borders(grid):
    day = today()
    a = partition_get(reference="veiligheidsregios", day=day)
    b = partition_get(reference="ggd-regios", day=day)
    differences = partitions_differences(a=a, b=b, day_a=day, day_b=day)
    counterparts = {
        r.region.name: (r.counterpart.name, r.shared, r.size) for r in differences.counterparts
    }
    # VR-West (m00 m01 m10) shares two with GGD-West; VR-Oost (m11 m20 m21) two with GGD-Oost
    assert counterparts == {"VR-Oost": ("GGD-Oost", 2, 3), "VR-West": ("GGD-West", 2, 3)}
    assert _moves(differences, grid) == {
        "m10": (MOVED, "VR-West", "GGD-Midden", "GGD-West"),
        "m11": (MOVED, "VR-Oost", "GGD-Midden", "GGD-Oost"),
    }
    # the grid's docstring: m10|m11 is a border of A only, m00|m10 and m11|m21 of B only
    assert [(cls, n) for cls, n, _ in differences.borders] == [(ONLY_A, 1), (ONLY_B, 2)]
    assert differences.day == day and differences.codes_a == {}


def test_municipalities_in_one_partition_only(grid):
    a = partition_get(reference="veiligheidsregios")
    b = partition_get(reference="halve-indeling")
    differences = partitions_differences(a=a, b=b, day_a=today(), day_b=today())
    moves = _moves(differences, grid)
    assert {key for key, move in moves.items() if move[0] == ONLY_IN_A} == {
        "m01", "m11", "m20", "m21",
    }  # fmt: skip
    assert not any(move[0] == MOVED for move in moves.values())
    swapped = partitions_differences(a=b, b=a, day_a=today(), day_b=today())
    assert {m.kind for m in swapped.moves} == {ONLY_IN_B}


def test_the_same_division_on_two_days(grid):
    """2020: one region Oud of all six; today VR-West and VR-Oost, three each: a tie, which
    goes to the first by name (no region continues under the same key)."""
    a = partition_get(reference="veiligheidsregios", day=EARLIER)
    b = partition_get(reference="veiligheidsregios", day=today())
    differences = partitions_differences(a=a, b=b, day_a=EARLIER, day_b=today())
    assert [(r.region.name, r.counterpart.name) for r in differences.counterparts] == [
        ("Oud", "VR-Oost")
    ]
    assert {key for key, (kind, *_rest) in _moves(differences, grid).items()} == {
        "m00", "m01", "m10",
    }  # fmt: skip
    # the order of the sides does not change the comparison day: the later one
    back = partitions_differences(a=b, b=a, day_a=today(), day_b=EARLIER)
    assert back.day == today()


def test_the_counterpart_rule_prefers_the_same_region_on_a_tie():
    regions = {k: Region(key=k, name=n) for k, n in (("x", "Zuid"), ("y", "Alfa"))}
    a = Partition("a", "A", "indeling", {1: "x", 2: "x"}, regions)
    b = Partition("b", "B", "indeling", {1: "x", 2: "y"}, regions)
    assert region_counterparts(a, b) == {"x": ("x", 1, 2)}  # not Alfa, first by name


def test_a_merger_between_the_two_days_is_carried_through_the_lineage(grid):
    """m00 and m01 merge into GM7099 on 2022-01-01: on A's day (2020) they are in different
    regions of a hand-made partition; the successor goes with the larger share (equal here: the
    lower region key) and names both its predecessors' codes."""
    merged = datetime.date(2022, 1, 1)
    successor = MunicipalityFactory(
        code="GM7099", name="Samengevoegd", valid_from=merged, geom=square(0, 0)
    )
    for key in ("m00", "m01"):
        grid.m[key].valid_to = merged
        grid.m[key].save()
        ReorganisationFactory(
            date=merged, predecessor=grid.m[key], successor=successor, area_share=0.5
        )
    lineage_rebuild()
    regions = {k: Region(key=k, name=k.upper()) for k in ("r1", "r2")}
    labels_a = {grid.id("m00"): "r1", grid.id("m01"): "r2", grid.id("m10"): "r1"}
    a = Partition("hand", "Hand", "indeling", labels_a, regions)
    b = Partition("hand", "Hand", "indeling", {successor.pk: "r2", grid.id("m10"): "r1"}, regions)
    differences = partitions_differences(a=a, b=b, day_a=EARLIER, day_b=today())
    assert differences.a.labels == {successor.pk: "r1", grid.id("m10"): "r1"}
    assert differences.a.multiple == 1
    assert differences.codes_a == {successor.pk: ["GM7000", "GM7001"]}
    [move] = differences.moves
    assert (move.municipality, move.kind, move.a.key, move.b.key) == (
        successor.pk, MOVED, "r1", "r2",
    )  # fmt: skip


def test_query_count(grid, django_assert_max_num_queries):
    day = today()
    a = partition_get(reference="veiligheidsregios", day=EARLIER)
    b = partition_get(reference="ggd-regios", day=day)
    # successors of A and of B, the municipalities of the day and of A's day, the data
    # version (the key of the cached borders) and the borders
    with django_assert_max_num_queries(6):
        partitions_differences(a=a, b=b, day_a=EARLIER, day_b=day)
