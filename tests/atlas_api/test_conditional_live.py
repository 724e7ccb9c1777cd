"""Conditional requests as real clients make them: through gunicorn (the live-server harness),
with compression on (gzip), brotli-only and identity clients, and curl --compressed.

A validator must come back exactly as the client received it: weak comparison for
If-None-Match (RFC 9110 13.1.2) on details, list pages and tiles; a 304 carries the ETag,
Cache-Control and Vary of its 200."""

from __future__ import annotations

import math
import subprocess

import pytest
import requests

from collaborations.core.services.versioning import data_version_bump
from collaborations.geography.models import Municipality
from collaborations.tiles.services import tile_geometry_rebuild
from tests.factories import MunicipalityBoundaryFactory

pytestmark = [pytest.mark.live]

ENCODINGS = ["gzip", "gzip, deflate, br", "br", "identity"]


def tile_path(lon: float, lat: float, z: int) -> str:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return f"/api/v1/tegels/samenwerkingsverbanden/{z}/{x}/{y}"


READS = {
    "detail": "/api/v1/gemeenten/GM9101",
    "list page": "/api/v1/samenwerkingsverbanden?paginaGrootte=2&sorteer=naam",
    "tile": tile_path(5.07, 52.05, 8),
}


def vary(response: requests.Response) -> set[str]:
    return {v.strip().lower() for v in response.headers.get("Vary", "").split(",") if v.strip()}


@pytest.fixture
def site(live, api_data):
    """The API's small atlas, with boundaries so that tiles can be drawn."""
    for municipality in Municipality.objects.filter(valid_to__isnull=True):
        MunicipalityBoundaryFactory(municipality=municipality, year=2024)
    tile_geometry_rebuild()
    return live


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("what", list(READS))
def test_unchanged_read_is_304_with_the_validator_as_received(site, what, encoding):
    url = site.url + READS[what]
    first = requests.get(url, headers={"Accept-Encoding": encoding}, timeout=10)
    assert first.status_code == 200, first.text[:300]
    if encoding != "identity" and what != "tile":  # brotli when accepted (response_cache.py)
        assert first.headers.get("Content-Encoding") == ("br" if "br" in encoding else "gzip")
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')  # names the data, not the bytes: one tag for every encoding
    again = requests.get(
        url, headers={"Accept-Encoding": encoding, "If-None-Match": etag}, timeout=10
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    assert vary(again) >= {"accept-encoding", "origin"}
    assert vary(again) <= vary(first) | {"accept-encoding"}
    if what != "tile":
        assert vary(again) >= {"accept", "accept-crs", "accept-language"}
        assert again.headers["Last-Modified"] == first.headers["Last-Modified"]


def test_validator_from_one_encoding_revalidates_another(site):
    url = site.url + READS["list page"]
    gzipped = requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=10)
    headers = {"Accept-Encoding": "identity", "If-None-Match": gzipped.headers["ETag"]}
    plain = requests.get(url, headers=headers, timeout=10)
    assert plain.status_code == 304
    strong = gzipped.headers["ETag"].removeprefix("W/")
    again = requests.get(url, headers={"If-None-Match": f'"other", {strong}'}, timeout=10)
    assert again.status_code == 304
    star = requests.get(url, headers={"If-None-Match": "*"}, timeout=10)
    assert star.status_code == 304


def test_a_change_of_data_makes_the_old_validator_stale(site):
    url = site.url + READS["detail"]
    etag = requests.get(url, timeout=10).headers["ETag"]
    data_version_bump()
    response = requests.get(url, headers={"If-None-Match": etag}, timeout=10)
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_authenticated_reads_revalidate_through_the_view(site, django_user_model):
    from tests.harness.accounts import api_token

    token = api_token(django_user_model.objects.create_user(username="lezer"))
    headers = {"Authorization": f"Token {token}", "Accept-Encoding": "gzip"}
    url = site.url + READS["list page"]
    first = requests.get(url, headers=headers, timeout=10)
    again = requests.get(
        url, headers={**headers, "If-None-Match": first.headers["ETag"]}, timeout=10
    )
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]


def test_curl_compressed_gets_304_with_the_etag_it_received(site):
    url = site.url + READS["detail"]

    def curl(*extra: str) -> tuple[int, dict[str, str]]:
        command = ["curl", "-s", "--compressed", "-o", "/dev/null", "-D", "-", *extra, url]
        out = subprocess.run(  # noqa: S603 - fixed arguments; curl from PATH as a user runs it
            command,
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
        lines = out.strip().splitlines()
        headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        return int(lines[0].split()[1]), {k.lower(): v.strip() for k, v in headers.items()}

    status, headers = curl()
    assert status == 200
    assert headers["content-encoding"] in ("gzip", "br")  # br when this curl has brotli
    status, again = curl("-H", f"If-None-Match: {headers['etag']}")
    assert status == 304
    assert again["etag"] == headers["etag"]
