"""The municipality detail's stored profile (issue 15; collaborations/profiles): the default
request (today, no filters) is a lookup of the profile stored per data version and day, the
same bytes as the profile worked out, and never stale: a write through the services shows at
once, a raw write clears it, and a row of another data version or day is never served."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.cache import cache

from atlas_api.views import geography
from collaborations.arrangements.services.memberships import membership_add, membership_remove
from collaborations.core.services.versioning import data_version_bump
from collaborations.geography.selectors.validity import today
from collaborations.profiles.models import MunicipalityDocument
from tests.factories import ArrangementFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/gemeenten/GM9101"


def names(client, url: str = URL) -> list[str]:
    cache.clear()  # the response cache keeps answers per ETag; these tests look at the view
    return [a["naam"] for a in client.get(url).json()["samenwerkingsverbanden"]]


@pytest.mark.parametrize("query", ["", "?geometrie=false", "?formaat=geojson"])
def test_stored_profile_is_the_worked_out_profile(client, api_data, monkeypatch, query):
    built = client.get(URL + query)  # the first read builds and stores it
    assert MunicipalityDocument.objects.count() == 1
    cache.clear()
    stored = client.get(URL + query)
    monkeypatch.setattr(geography, "STORED_FORMATS", ())  # every request worked out
    cache.clear()
    computed = client.get(URL + query)
    assert built.status_code == stored.status_code == computed.status_code == 200
    assert built.content == stored.content == computed.content
    assert built["ETag"] == stored["ETag"] == computed["ETag"]


def test_default_detail_is_two_queries(client, api_data, django_assert_num_queries):
    client.get(URL)
    cache.clear()
    with django_assert_num_queries(2):  # the data version; the municipality with its profile
        assert client.get(URL).status_code == 200


def test_filtered_or_dated_requests_are_worked_out(client, api_data):
    for query in ("?peildatum=2018-06-01", "?thema=jeugd", "?formaat=csv"):
        assert client.get(URL + query).status_code == 200, query
    assert not MunicipalityDocument.objects.exists()
    client.get(URL + f"?peildatum={today().isoformat()}")  # today is the default request
    assert MunicipalityDocument.objects.count() == 1


def test_a_write_through_the_service_shows_at_once(client, api_data):
    assert "Nieuw verband" not in names(client)
    arrangement = ArrangementFactory(name="Nieuw verband", slug="nieuw")
    membership = membership_add(arrangement=arrangement, member=api_data.m["Alfa"])
    assert "Nieuw verband" in names(client)
    membership_remove(membership=membership)
    assert "Nieuw verband" not in names(client)


def test_a_raw_write_clears_the_stored_profiles(client, api_data):
    """A write that does not go through a service (and so does not bump the data version)
    still deletes the stored profiles: the triggers of migration 0018."""
    names(client)
    assert MunicipalityDocument.objects.exists()
    arrangement = ArrangementFactory(name="Rauw verband", slug="rauw")
    assert not MunicipalityDocument.objects.exists()
    MembershipFactory(arrangement=arrangement, municipality=api_data.m["Alfa"])
    assert "Rauw verband" in names(client)


def _tamper(**key) -> None:
    """Make the stored profile of GM9101 recognisable (no trigger watches this table)."""
    MunicipalityDocument.objects.filter(municipality__code="GM9101", **key).update(
        document=json.dumps({"samenwerkingsverbanden": [{"naam": "Opgeslagen"}]})
    )


def test_never_served_across_a_data_version(client, api_data):
    names(client)
    _tamper()
    assert names(client) == ["Opgeslagen"]  # the default detail reads the stored row
    data_version_bump()  # a new data version: that row is not looked at any more
    assert "Opgeslagen" not in names(client)
    assert MunicipalityDocument.objects.count() == 1  # the old one replaced


def test_never_served_on_another_day(client, api_data):
    names(client)
    yesterday = today() - datetime.timedelta(days=1)
    MunicipalityDocument.objects.update(day=yesterday)
    _tamper(day=yesterday)
    assert "Opgeslagen" not in names(client)
    assert list(MunicipalityDocument.objects.values_list("day", flat=True)) == [today()]


def test_unknown_municipality_is_404_and_stores_nothing(client, api_data):
    assert client.get("/api/v1/gemeenten/GM9999").status_code == 404
    assert not MunicipalityDocument.objects.exists()


@pytest.mark.parametrize("links", [{}, {"self": "https://example.org/x"}])
@pytest.mark.parametrize("members", [None, "{}", '{"b":[1,2],"c":"é"}'])
def test_stored_members_render_as_the_merged_row(links, members):
    """An item's stored document is spliced in as it is: the same text as the merged row."""
    from atlas_api.collection import Item
    from atlas_api.renderers import ApiJSONRenderer, GeoJSONRenderer

    row = {"code": "GM9101", "a": datetime.date(2020, 1, 1)}
    merged = Item(name="x", row={**row, **json.loads(members or "{}")}, links=links)
    spliced = Item(name="x", row=row, members=members, links=links)
    for renderer in (ApiJSONRenderer(), GeoJSONRenderer()):
        assert renderer.render(spliced) == renderer.render(merged)
    merged.has_geometry = spliced.has_geometry = True
    merged.geometry = spliced.geometry = '{"type":"Point","coordinates":[5,52]}'
    assert ApiJSONRenderer().render(spliced) == ApiJSONRenderer().render(merged)
