"""Following reorganisations forward (lineage) and the footprint union.

Fixed geometries on the test grid near Utrecht (tests/factories.square): A and B are two
adjacent cells merged into C (2019); D is split into E (west) and F (east) in 2021; H is
absorbed by its neighbour G on 2022-03-24."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.geography.models import MunicipalityLineage
from collaborations.geography.selectors.validity import (
    municipalities_on,
)
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ReorganisationFactory,
    square,
)

pytestmark = pytest.mark.django_db

D2019 = datetime.date(2019, 1, 1)
D2021 = datetime.date(2021, 1, 1)
D2022 = datetime.date(2022, 3, 24)


def rectangle(x0, y0, x1, y1) -> MultiPolygon:
    return MultiPolygon(Polygon.from_bbox((x0, y0, x1, y1)), srid=4326)


@pytest.fixture
def history():
    m = {}
    m["A"] = MunicipalityFactory(code="GM9001", name="Aa", valid_to=D2019, geom=square(0, 0))
    m["B"] = MunicipalityFactory(code="GM9002", name="Bee", valid_to=D2019, geom=square(1, 0))
    m["C"] = MunicipalityFactory(
        code="GM9003",
        name="Cee",
        valid_from=D2019,
        geom=MultiPolygon(square(0, 0).union(square(1, 0)), srid=4326),
    )
    m["D"] = MunicipalityFactory(code="GM9004", name="Dee", valid_to=D2021, geom=square(2, 0))
    m["E"] = MunicipalityFactory(
        code="GM9005", name="Ee", valid_from=D2021, geom=rectangle(5.1, 52.0, 5.13, 52.05)
    )
    m["F"] = MunicipalityFactory(
        code="GM9006", name="Ef", valid_from=D2021, geom=rectangle(5.13, 52.0, 5.15, 52.05)
    )
    m["G"] = MunicipalityFactory(code="GM9007", name="Gee", geom=square(3, 0))
    m["H"] = MunicipalityFactory(code="GM9008", name="Ha", valid_to=D2022, geom=square(4, 0))
    # Two CBS layers, each a proper coverage: 2016 (before the changes) and 2024 (after).
    for key in "ABDGH":
        MunicipalityBoundaryFactory(municipality=m[key], year=2016, geom=m[key].geom)
    for key in "CEFG":
        MunicipalityBoundaryFactory(municipality=m[key], year=2024, geom=m[key].geom)
    m["G"].boundaries.filter(year=2016).update(valid_to=datetime.date(2024, 1, 1))
    m["G"].boundaries.filter(year=2024).update(valid_from=datetime.date(2024, 1, 1))
    ReorganisationFactory(predecessor=m["A"], successor=m["C"], date=D2019)
    ReorganisationFactory(predecessor=m["B"], successor=m["C"], date=D2019)
    ReorganisationFactory(
        predecessor=m["D"], successor=m["E"], date=D2021, kind="opsplitsing", area_share="0.6"
    )
    ReorganisationFactory(
        predecessor=m["D"],
        successor=m["F"],
        date=D2021,
        kind="opsplitsing",
        area_share="0.4",
        is_main_successor=False,
    )
    ReorganisationFactory(predecessor=m["H"], successor=m["G"], date=D2022, kind="toevoeging")
    lineage_rebuild()
    return m


def _codes(pairs) -> set[str]:
    from collaborations.geography.models import Municipality

    ids = {municipality_id for _, municipality_id in pairs}
    return set(Municipality.objects.filter(pk__in=ids).values_list("code", flat=True))


def test_lineage_has_self_rows_and_shares(history):
    d = MunicipalityLineage.objects.get(ancestor=history["D"], descendant=history["F"])
    assert (d.since, d.share, d.is_main) == (D2021, Decimal("0.400"), False)
    assert MunicipalityLineage.objects.filter(ancestor=history["G"]).count() == 1  # itself
    assert lineage_rebuild() == MunicipalityLineage.objects.count()  # idempotent


def test_members_are_followed_to_the_municipalities_of_the_day(history):
    arrangement = ArrangementFactory()
    for key in "ADH":
        MembershipFactory(arrangement=arrangement, municipality=history[key])
    on = represented_municipality_pairs
    assert _codes(on(day=datetime.date(2016, 6, 1))) == {"GM9001", "GM9004", "GM9008"}
    assert _codes(on(day=datetime.date(2020, 6, 1))) == {"GM9003", "GM9004", "GM9008"}
    assert _codes(on(day=datetime.date(2022, 1, 1))) == {"GM9003", "GM9005", "GM9006", "GM9008"}
    assert _codes(on(day=datetime.date(2024, 1, 1))) == {"GM9003", "GM9005", "GM9006", "GM9007"}


def test_absorbing_municipality_does_not_represent_before_the_absorption(history):
    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=history["H"])
    pairs = represented_municipality_pairs(day=datetime.date(2020, 1, 1))
    assert _codes(pairs) == {"GM9008"}


def test_memberships_count_only_while_valid(history):
    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=history["G"], valid_to=D2021)
    assert _codes(represented_municipality_pairs(day=datetime.date(2020, 1, 1)))
    assert not _codes(represented_municipality_pairs(day=datetime.date(2024, 1, 1)))


def test_municipalities_on_a_date(history):
    codes = set(municipalities_on(day=datetime.date(2020, 1, 1)).values_list("code", flat=True))
    assert codes == {"GM9003", "GM9004", "GM9007", "GM9008"}


def test_footprint_is_the_union_of_todays_represented_municipalities(history):
    arrangement = ArrangementFactory()
    for key in "ADH":
        MembershipFactory(arrangement=arrangement, municipality=history[key])
    empty = ArrangementFactory()
    assert arrangement_footprints_recompute() == 2
    arrangement.refresh_from_db()
    empty.refresh_from_db()
    assert empty.footprint is None
    footprint = arrangement.footprint
    assert footprint.geom_type == "MultiPolygon"
    # C (two cells) + E + F (the whole cell D) + G (one cell); H is G's since 2022 but G's own
    # boundary of the fixture does not include H (boundaries are per layer).
    assert footprint.area == pytest.approx(0.05 * 0.05 * 4, rel=1e-6)
    assert len(footprint) == 1  # the cells touch: one polygon, shared edges dissolved
    assert arrangement.footprint_updated_at is not None


def test_footprint_on_a_past_date_uses_that_days_members(history):
    from collaborations.arrangements.services.footprints import footprints_compute

    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=history["H"])
    result = footprints_compute(arrangement_ids=[arrangement.pk], day=datetime.date(2020, 1, 1))
    assert result[arrangement.pk].area == pytest.approx(0.05 * 0.05, rel=1e-6)


def test_recomputing_one_arrangement_leaves_others_alone(history):
    one = ArrangementFactory()
    other = ArrangementFactory()
    MembershipFactory(arrangement=one, municipality=history["G"])
    MembershipFactory(arrangement=other, municipality=history["G"])
    assert arrangement_footprints_recompute(arrangement_ids=[one.pk]) == 1
    assert Arrangement.objects.get(pk=other.pk).footprint is None
    assert Arrangement.objects.get(pk=one.pk).footprint is not None


def test_clean_coverage_fixes_a_sliver_between_neighbours():
    import shapely

    from collaborations.geography.services.coverage import clean_coverage

    west = shapely.box(0, 0, 1, 1)
    east = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1.0000001, 1), (1.0000001, 0.5), (1, 0)])
    cleaned = clean_coverage(shapely.from_wkb([west.wkb, east.wkb]))
    assert shapely.coverage_is_valid(cleaned)
    assert shapely.coverage_union_all(cleaned).area == pytest.approx(2, rel=1e-6)


def test_clean_coverage_closes_a_thin_gap_but_keeps_a_lake():
    import shapely

    from collaborations.geography.services.coverage import clean_coverage

    # West and east leave a 1e-7 wide gap between them, closed off by a strip north and south.
    west = shapely.box(0, 0, 1, 1)
    east = shapely.box(1.0000001, 0, 2, 1)
    north, south = shapely.box(0, 1, 2, 2), shapely.box(0, -1, 2, 0)
    cleaned = clean_coverage(shapely.from_wkb([g.wkb for g in (west, east, north, south)]))
    union = shapely.coverage_union_all(cleaned)
    assert union.geom_type == "Polygon" and shapely.get_num_interior_rings(union) == 0
    # A 1 x 1 lake inside a ring of land belongs to nobody and stays out.
    lake = shapely.box(0.5, 3.5, 1.5, 4.5)
    ring = shapely.box(0, 3, 2, 5).difference(lake)
    cleaned = clean_coverage(shapely.from_wkb([ring.wkb, shapely.box(0, 5, 2, 6).wkb]))
    assert shapely.coverage_union_all(cleaned).area == pytest.approx(6 - 1, rel=1e-6)
