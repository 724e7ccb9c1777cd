"""The admin's maps: the map of the current municipalities, the read-only footprint map and the
"Gebied herberekenen" action.

Geometries are the fixed 0.05-degree squares near Utrecht of tests/factories.py."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from atlas_web.admin import arrangements as admin_arrangements
from collaborations import models
from collaborations.geography.services.lineage import lineage_rebuild
from tests.collaborations.admin_support import (
    admin_url,
    embedded_json,
    make_municipalities,
)
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)

pytestmark = pytest.mark.django_db


# --- the map of the municipalities -----------------------------------------------------------


@pytest.fixture
def municipalities_on_the_map():
    """Three current municipalities in Utrecht, one in Gelderland, one merged away."""
    utrecht = ProvinceFactory(code="PV26", name="Utrecht")
    gelderland = ProvinceFactory(code="PV25", name="Gelderland")
    for col, (code, name) in enumerate(
        [("GM0321", "Houten"), ("GM0344", "Utrecht"), ("GM0356", "Nieuwegein")]
    ):
        MunicipalityFactory(code=code, name=name, province=utrecht, geom=square(col, 0))
    MunicipalityFactory(code="GM0301", name="Zutphen", province=gelderland, geom=square(5, 3))
    MunicipalityFactory(
        code="GM0333",
        name="Maarssen",
        province=utrecht,
        valid_to=datetime.date(2011, 1, 1),
        geom=square(0, 1),
    )


def coordinates(geometry):
    """Every coordinate number of a GeoJSON (Multi)Polygon."""
    rings = geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        rings = [ring for polygon in rings for ring in polygon]
    return [number for ring in rings for point in ring for number in point]


@pytest.mark.usefixtures("municipalities_on_the_map")
def test_map_shows_every_current_municipality(admin_client):
    response = admin_client.get(admin_url(models.Municipality, "map"))

    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r"4 huidige gemeenten\s*</h2>", content)
    collection = embedded_json(response, "gemeentekaart-data")
    assert collection["type"] == "FeatureCollection"
    names = [f["properties"]["name"] for f in collection["features"]]
    assert names == ["Houten", "Nieuwegein", "Utrecht", "Zutphen"]  # by name; no Maarssen
    houten = collection["features"][0]
    assert houten["properties"] == {"code": "GM0321", "name": "Houten", "province": "Utrecht"}
    assert houten["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert all(round(x, 5) == x for x in coordinates(houten["geometry"]))
    # The accessible table lists the same municipalities, linked to their pages.
    assert (
        len(re.findall(r'<td><a href="/admin/collaborations/municipality/\d+/change/">', content))
        == 4
    )
    assert "leaflet" in content and 'id="gemeentekaart"' in content


@pytest.mark.usefixtures("municipalities_on_the_map")
def test_map_filters_on_province(admin_client):
    response = admin_client.get(admin_url(models.Municipality, "map"), {"provincie": "PV25"})

    assert re.search(r"1 huidige gemeente\s+in Gelderland", response.content.decode())
    collection = embedded_json(response, "gemeentekaart-data")
    assert [f["properties"]["code"] for f in collection["features"]] == ["GM0301"]


def test_map_with_unknown_province_is_empty(admin_client):
    make_municipalities(2)
    response = admin_client.get(admin_url(models.Municipality, "map"), {"provincie": "PV99"})
    assert response.status_code == 200
    assert embedded_json(response, "gemeentekaart-data")["features"] == []


def test_map_is_one_query_for_the_layer(admin_client, django_assert_max_num_queries):
    url = admin_url(models.Municipality, "map")
    make_municipalities(3)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    make_municipalities(30)
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(url)
    assert len(embedded_json(response, "gemeentekaart-data")["features"]) == 33


def test_map_needs_a_staff_login(client):
    response = client.get(admin_url(models.Municipality, "map"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_municipality_changelist_links_to_the_map(admin_client):
    response = admin_client.get(admin_url(models.Municipality, "changelist"))
    assert admin_url(models.Municipality, "map") in response.content.decode()
    assert "Kaart van de gemeenten" in response.content.decode()


# --- arrangement footprint ------------------------------------------------------------------


def test_arrangement_change_page_shows_footprint_read_only(admin_client):
    computed_at = datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)
    arrangement = ArrangementFactory(
        footprint=square(0, 0, size=2), footprint_updated_at=computed_at
    )

    response = admin_client.get(admin_url(models.Arrangement, "change", arrangement.pk))

    assert response.status_code == 200
    collection = embedded_json(response, "footprint-map-data")
    assert len(collection["features"]) == 1
    assert collection["features"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    form = response.context["adminform"].form
    assert "footprint" not in form.fields  # computed, never edited
    assert str(computed_at) not in response.content.decode()  # shown as a date, not repr


def test_arrangement_change_page_shows_members_read_only(admin_client):
    # Edits go through the registration forms (history, versions, permissions).
    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=MunicipalityFactory(name="Zutphen"))
    response = admin_client.get(admin_url(models.Arrangement, "change", arrangement.pk))
    content = response.content.decode()
    assert 'name="memberships-0-municipality"' not in content
    assert "Zutphen" in content
    post = admin_client.post(admin_url(models.Arrangement, "change", arrangement.pk), {"name": "x"})
    assert post.status_code == 403


def test_arrangement_without_footprint_says_so(admin_client):
    arrangement = ArrangementFactory()
    response = admin_client.get(admin_url(models.Arrangement, "change", arrangement.pk))
    assert "Nog geen gebied" in response.content.decode()
    assert "footprint-map-data" not in response.content.decode()


def test_recompute_action_calls_the_service(admin_client, monkeypatch):
    calls = []

    def recompute(*, arrangement_ids=None):
        calls.append(sorted(arrangement_ids))
        return len(calls[-1])

    monkeypatch.setattr(admin_arrangements, "arrangement_footprints_recompute", recompute)
    first, second, _other = ArrangementFactory.create_batch(3)

    response = admin_client.post(
        admin_url(models.Arrangement, "changelist"),
        {"action": "recompute_footprints", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert calls == [sorted([first.pk, second.pk])]
    assert "2 samenwerkingsverbanden" in " ".join(str(m) for m in response.context["messages"])


def test_recompute_action_writes_the_footprint(admin_client):
    houten = MunicipalityBoundaryFactory(
        municipality=MunicipalityFactory(geom=square(0, 0))
    ).municipality
    utrecht = MunicipalityBoundaryFactory(
        municipality=MunicipalityFactory(geom=square(1, 0))
    ).municipality
    lineage_rebuild()
    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=houten)
    MembershipFactory(arrangement=arrangement, municipality=utrecht)

    admin_client.post(
        admin_url(models.Arrangement, "changelist"),
        {"action": "recompute_footprints", "_selected_action": [arrangement.pk]},
    )

    arrangement.refresh_from_db()
    assert arrangement.footprint is not None
    assert arrangement.footprint.area == pytest.approx(2 * 0.05 * 0.05)
