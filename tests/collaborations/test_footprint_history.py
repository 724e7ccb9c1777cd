"""Footprints on a peildatum (issue 13, item 3): the periods of an arrangement's footprint, the
footprint of a day in the API, "what is here?" and the vector tiles.

The world of test_lineage_and_footprints.py (cells on the test grid near Utrecht): A and B
merged into C (2019), D split into E and F (2021), H absorbed by G (2022-03-24); two boundary
layers (2016 before, 2024 after). The arrangement has the members A, D and H since 2016."""

import datetime
import json

import pytest
from django.core.cache import cache

from collaborations.arrangements.models import ArrangementFootprint
from collaborations.arrangements.services.footprint_history import footprint_periods
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from tests.atlas_api.test_tiles import decode, tile_of
from tests.collaborations.test_lineage_and_footprints import D2019, D2021, D2022, history
from tests.factories import ArrangementFactory, MembershipFactory

pytestmark = pytest.mark.django_db
D2016, D2024 = datetime.date(2016, 1, 1), datetime.date(2024, 1, 1)
CELL = 0.05 * 0.05
__all__ = ["history"]  # the fixture


@pytest.fixture
def arrangement(history):
    cache.clear()
    arrangement = ArrangementFactory(slug="adh", name="ADH-regeling", start_date=D2016)
    for key in "ADH":
        MembershipFactory(arrangement=arrangement, municipality=history[key], valid_from=D2016)
    arrangement_footprints_recompute()
    return arrangement


def test_the_periods_follow_mergers_splits_and_boundary_layers(arrangement):
    periods = footprint_periods([arrangement.pk])[arrangement.pk]
    assert [(p.start, p.end, len(p.key)) for p in periods] == [
        (D2016, D2019, 3),  # A, D, H (2016 layer); nothing before the arrangement began
        (D2019, D2021, 3),  # C, D, H
        (D2021, D2022, 4),  # C, E, F, H
        (D2022, D2024, 4),  # C, E, F, G (2016 layer)
        (D2024, None, 4),  # G's boundary of 2024
    ]
    stored = ArrangementFootprint.objects.filter(arrangement=arrangement).order_by("period")
    assert [(f.period.lower, f.period.upper) for f in stored] == [(p.start, p.end) for p in periods]
    areas = [round(f.geom.area / CELL, 6) for f in stored]
    assert areas == [3, 4, 4, 4, 4]  # C covers two cells, E and F one, G (for H) its own
    arrangement.refresh_from_db()
    assert arrangement.footprint.area == pytest.approx(stored.last().geom.area)


def test_recomputing_replaces_the_periods_of_that_arrangement_only(arrangement, history):
    other = ArrangementFactory(slug="g")
    MembershipFactory(arrangement=other, municipality=history["G"])
    arrangement_footprints_recompute(arrangement_ids=[other.pk])
    assert ArrangementFootprint.objects.filter(arrangement=arrangement).count() == 5
    assert ArrangementFootprint.objects.filter(arrangement=other).count() == 2  # G: 2016, 2024
    arrangement_footprints_recompute(arrangement_ids=[arrangement.pk])
    assert ArrangementFootprint.objects.count() == 7


def _area(body) -> float:
    """Area in cells of a GeoJSON (Multi)Polygon of axis-parallel rectangles."""
    from django.contrib.gis.geos import GEOSGeometry

    return round(GEOSGeometry(json.dumps(body["geometrie"])).area / CELL, 4)


def test_the_api_gives_the_footprint_of_the_peildatum(client, arrangement):
    url = f"/api/v1/samenwerkingsverbanden/{arrangement.pk}"
    assert _area(client.get(f"{url}?peildatum=2017-06-01").json()) == 3
    assert _area(client.get(f"{url}?peildatum=2020-06-01").json()) == 4
    assert _area(client.get(url).json()) == 4
    assert client.get(f"{url}?peildatum=2010-06-01").json()["geometrie"] is None  # not yet
    rows = client.get("/api/v1/samenwerkingsverbanden?peildatum=2017-06-01").json()
    assert _area(rows["samenwerkingsverbanden"][0]) == pytest.approx(3, abs=0.01)
    # bbox on a peildatum uses that day's footprint: B's cell is C's only from 2019 on
    bbox = "bbox=5.06,52.01,5.09,52.04&geometrie=false"
    assert (
        client.get(f"/api/v1/samenwerkingsverbanden?{bbox}&peildatum=2017-06-01").json()["totaal"]
        == 0
    )
    assert (
        client.get(f"/api/v1/samenwerkingsverbanden?{bbox}&peildatum=2020-06-01").json()["totaal"]
        == 1
    )


def test_what_is_here_on_a_peildatum(client, arrangement):
    here = "/api/v1/locaties/samenwerkingsverbanden?lon=5.075&lat=52.025"  # B's cell
    assert client.get(f"{here}&peildatum=2017-06-01").json()["samenwerkingsverbanden"] == []
    found = client.get(f"{here}&peildatum=2020-06-01&geometrie=true").json()
    assert [row["naam"] for row in found["samenwerkingsverbanden"]] == ["ADH-regeling"]
    assert found["samenwerkingsverbanden"][0]["gemeenten"] == ["GM9003", "GM9004", "GM9008"]
    assert _area(found["samenwerkingsverbanden"][0]) == pytest.approx(4, abs=0.01)


def test_tiles_on_a_peildatum(client, arrangement):
    x, y = tile_of(5.075, 52.025, 14)  # a tile inside B's cell
    url = f"/api/v1/tegels/samenwerkingsverbanden/14/{x}/{y}"
    assert client.get(f"{url}?peildatum=2017-06-01").status_code == 204  # not here yet
    response = client.get(f"{url}?peildatum=2020-06-01")
    assert response.status_code == 200
    features = decode(response.content)["samenwerkingsverbanden"]
    assert [f["properties"]["slug"] for f in features] == ["adh"]
    assert client.get(f"{url}?peildatum=2017-06-01")["ETag"] != response["ETag"]
