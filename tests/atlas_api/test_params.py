"""Parameters declared once: the document lists exactly what each view parses; unknown
parameters are a 400 naming them on every endpoint; ``formaat`` wins over Accept; Django's and
DRF's errors become problem details with the right status (400, 405, 413, 415, 422, ...)."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from atlas_api.params import InvalidParams, Param, parse
from atlas_api.views.api import ApiView
from tests.harness.accounts import api_token

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
GDAL_ACCEPT = "text/plain, application/json"  # what GDAL (ogrinfo, QGIS) sends


@pytest.fixture(scope="module")
def document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _api_views():
    """(path, view class) of every API view that declares parameters."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, ApiView):
                    yield prefix + str(pattern.pattern), view

    return list(walk(get_resolver().url_patterns))


def _document_path(pattern: str) -> str:
    """``api/v1/gemeenten/<str:code>`` -> ``/gemeenten/{code}``; ``api/v1`` (the root) -> ``/``."""
    path = "/" + pattern.removeprefix("api/v1").removeprefix("/")
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)


def test_the_document_lists_exactly_the_declared_parameters(document):
    """Nothing documented that is not parsed, nothing parsed that is not documented: drift is
    impossible by construction, and this checks the construction."""
    checked = 0
    for pattern, view in _api_views():
        item = document["paths"][_document_path(pattern)]
        for method, operation in item.items():
            documented = {(p["name"], p["in"]) for p in operation.get("parameters", [])}
            declared = {(p.name, p.location) for p in view().declared_parameters(method)}
            assert documented == declared, (method, pattern)
            checked += 1
    assert checked >= 36


def test_every_api_view_declares_its_path_parameters():
    for pattern, view in _api_views():
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", pattern))
        for method in ("GET", "POST"):
            declared = {p.name for p in view().declared_parameters(method)}
            if hasattr(view, method.lower()):
                assert names <= declared, (method, pattern)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/gemeenten",
        "/api/v1/gemeenten/GM0363",
        "/api/v1/provincies",
        "/api/v1/samenwerkingsverbanden",
        "/api/v1/samenwerkingsverbanden/1",
        "/api/v1/samenwerkingsverbanden/1/wijzigingen",
        "/api/v1/themas",
        "/api/v1/indelingen/veiligheidsregios",
        "/api/v1/netwerk",
        "/api/v1/locaties/samenwerkingsverbanden?lon=5&lat=52",
        "/api/v1/tegels/gemeenten/7/65/42",
        "/api/v1/bre-analyses",
        "/api/v1/bre-analyses/1",
        "/api/v1/bre-analyses/vergelijking?runA=1&runB=2",
        "/api/v1/registraties",
        "/api/v1/beoordelingen",
        "/api/v1/imports",
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(client, django_user_model, url):
    moderator = django_user_model.objects.create_user(username="m", is_staff=True)
    from collaborations.registration.services.accounts import user_role_set

    user_role_set(user=moderator, role="moderator")
    token = api_token(moderator)
    separator = "&" if "?" in url else "?"
    response = client.get(
        f"{url}{separator}naam=Veiligheidsregio%20Utrecht",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalidParams"] == [{"name": "naam", "reason": "onbekende parameter"}]


def test_the_document_itself_stays_lenient(client):
    assert client.get("/api/v1/openapi.json?lang=nl").status_code == 200


def test_formaat_wins_over_accept(client):
    response = client.get("/api/v1/provincies?formaat=geojson", HTTP_ACCEPT=GDAL_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert json.loads(response.content)["type"] == "FeatureCollection"
    # without formaat, Accept decides
    plain = client.get("/api/v1/provincies", HTTP_ACCEPT=GDAL_ACCEPT)
    assert plain["Content-Type"] == "application/json"
    refused = client.get("/api/v1/provincies", HTTP_ACCEPT="application/xml")
    assert refused.status_code == 406 and refused["Content-Type"] == PROBLEM


def test_an_unknown_formaat_is_a_400_naming_it(client):
    response = client.get("/api/v1/provincies?formaat=shp", HTTP_ACCEPT=GDAL_ACCEPT)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    (problem,) = response.json()["invalidParams"]
    assert problem["name"] == "formaat" and "geojson" in problem["reason"]
    # a view with one format takes no formaat at all
    only_json = client.get("/api/v1/bre-analyses/vergelijking?runA=1&runB=2&formaat=json")
    assert only_json.status_code == 400
    assert only_json.json()["invalidParams"][0]["name"] == "formaat"


def test_an_empty_list_or_value_is_refused_not_ignored(client):
    response = client.get("/api/v1/samenwerkingsverbanden?thema=&peildatum=&verplicht=")
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"thema", "peildatum", "verplicht"}


def test_bbox_corners_in_any_order_and_accept_crs_is_406(client):
    assert client.get("/api/v1/samenwerkingsverbanden?bbox=5.1,52.5,4.7,52.2").status_code == 200
    response = client.get("/api/v1/provincies", HTTP_ACCEPT_CRS="EPSG:3857")
    assert response.status_code == 406
    assert response.json()["invalidParams"][0]["name"] == "Accept-Crs"


def test_parse_names_every_bad_and_missing_parameter(rf):
    params = (
        Param("lon", {"type": "number", "minimum": -180, "maximum": 180}, "x", required=True),
        Param("n", {"type": "integer", "minimum": 1}, "n", default=5),
    )
    assert parse(rf.get("/", {"lon": "5.5"}), params) == {"lon": 5.5, "n": 5}
    with pytest.raises(InvalidParams) as error:
        parse(rf.get("/", {"n": "0", "x": "1"}), params)
    assert {p["name"] for p in error.value.params} == {"lon", "n", "x"}
    assert error.value.status == 400


# --- errors of Django and DRF as problem details -----------------------------------------------
@pytest.fixture
def token_client(django_user_model) -> Client:
    user = django_user_model.objects.create_user(username="bezoeker")
    return Client(HTTP_AUTHORIZATION=f"Token {api_token(user)}")


def test_malformed_json_is_a_400_problem(token_client):
    response = token_client.post("/api/v1/registraties", "{kapot", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_another_media_type_is_a_415_problem(token_client):
    response = token_client.post("/api/v1/registraties", "naam=x", content_type="text/plain")
    assert response.status_code == 415
    assert response["Content-Type"] == PROBLEM


def test_a_method_the_resource_lacks_is_a_405_problem_with_allow(token_client):
    response = token_client.delete("/api/v1/registraties")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "POST" in response["Allow"]


def test_a_body_above_the_limit_is_a_413_problem(token_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"naam": "x" * 2000})
    response = token_client.post("/api/v1/registraties", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 413


def test_a_form_above_the_limit_is_a_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/account/inloggen", {"username": "x" * 2000})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "te groot" in response.content.decode()


def test_a_body_too_big_without_content_length_is_still_a_413(token_client, settings):
    """Django finds out while reading (RequestDataTooBig): the same 413, not a 500."""
    from django.core.exceptions import RequestDataTooBig

    from atlas_api.exceptions import problem_exception_handler

    response = problem_exception_handler(RequestDataTooBig("te groot"), {})
    assert response.status_code == 413


def test_a_domain_refusal_is_a_422_naming_the_field(client):
    response = client.get("/api/v1/netwerk?gemeente=GM0001")
    assert response.status_code == 422
    assert response.json()["invalidParams"][0]["name"] == "gemeente"


def test_bre_runs_as_a_spreadsheet(client):
    """Moments with a time zone (aangemaaktOp) go into XLSX in the atlas's time zone (this
    was a 500)."""
    from openpyxl import load_workbook

    from collaborations.models import ClusteringRun

    ClusteringRun.objects.create(parameters={}, status="queued")
    response = client.get("/api/v1/bre-analyses?formaat=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 5).value == "aangemaaktOp"
    assert sheet.cell(2, 5).value is not None


def test_a_host_not_allowed_is_a_400_problem(client):
    response = client.get("/api/v1/provincies", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    page = client.get("/", HTTP_HOST="evil.example")
    assert page.status_code == 400
