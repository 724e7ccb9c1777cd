"""/api/v1/themas and /api/v1/themas/{slug} on the small atlas of conftest.py. The themes
themselves are the 23 seeded by the data migration."""

import pytest

from collaborations.arrangements.models import Theme
from tests.factories import ArrangementFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/themas"


def counts(client, query: str = "") -> dict[str, int]:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.content
    return {row["slug"]: row["aantalSamenwerkingsverbanden"] for row in response.json()["themas"]}


def test_list_shape(client, api_data):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Content-Crs" not in response
    body = response.json()
    assert body["totaal"] == Theme.objects.count() == len(body["themas"])
    afval = next(row for row in body["themas"] if row["slug"] == "afval")
    assert afval == {
        "slug": "afval",
        "naam": "Afval",
        "naamEn": "Waste",
        "domein": "fysiek",
        "aantalSamenwerkingsverbanden": 1,
    }
    domains = [row["domein"] for row in body["themas"]]
    assert domains == sorted(domains)  # by domain, then name


def test_counts_follow_the_filters(client, api_data):
    today = counts(client)
    # draft and ended arrangements do not count; echo has two themes
    assert {k: today[k] for k in ("afval", "jeugd", "wonen", "bedrijfsvoering", "mobiliteit")} == {
        "afval": 1,
        "jeugd": 3,
        "wonen": 2,
        "bedrijfsvoering": 1,
        "mobiliteit": 0,
    }
    wgr = counts(client, "rechtsvormFamilie=wgr")
    assert (wgr["afval"], wgr["jeugd"], wgr["bedrijfsvoering"]) == (1, 0, 1)
    past = counts(client, "peildatum=2018-06-01")
    assert (past["afval"], past["wonen"]) == (2, 1)  # the ended one lived; housing not yet
    shared = counts(client, "gemeente=GM9101,GM9102")
    assert (shared["afval"], shared["jeugd"], shared["wonen"]) == (1, 1, 0)


def test_no_geometry_formats(client, api_data):
    assert client.get(URL, headers={"Accept": "application/geo+json"}).status_code == 406
    response = client.get(f"{URL}?formaat=csv")
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header == "slug,naam,naamEn,domein,aantalSamenwerkingsverbanden"
    assert 'filename="themas.csv"' in response["Content-Disposition"]


def test_detail(client, api_data):
    Theme.objects.filter(slug="afval").update(description="Inzameling en verwerking.")
    response = client.get(f"{URL}/afval")
    assert response.status_code == 200
    assert response.json() == {
        "slug": "afval",
        "naam": "Afval",
        "naamEn": "Waste",
        "domein": "fysiek",
        "omschrijving": "Inzameling en verwerking.",
        "aantalSamenwerkingsverbanden": 1,
    }
    assert (
        client.get(f"{URL}/afval?peildatum=2018-06-01").json()["aantalSamenwerkingsverbanden"] == 2
    )


def test_not_found_and_invalid(client, api_data):
    response = client.get(f"{URL}/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    response = client.get(f"{URL}/Afval!")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "slug"
    response = client.get(f"{URL}?verplicht=soms")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "verplicht"


def test_query_count_is_constant(client, api_data, django_assert_num_queries):
    with django_assert_num_queries(3):  # version, themes, counts
        client.get(URL)
    ArrangementFactory.create_batch(5, themes=list(Theme.objects.filter(domain="sociaal")))
    with django_assert_num_queries(3):
        client.get(f"{URL}?domein=sociaal")


def test_openapi(api_data):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    listing = schema["paths"]["/themas"]["get"]
    assert listing["operationId"] == "themasZoeken"
    assert "application/geo+json" not in listing["responses"]["200"]["content"]
    assert schema["paths"]["/themas/{slug}"]["get"]["operationId"] == "themaOphalen"
