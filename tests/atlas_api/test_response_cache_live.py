"""Responses compressed once per ETag and reused (issue 15 part 2), through gunicorn: the second
anonymous request for the same read gets the byte-identical compressed body from the cache
(brotli when accepted, else gzip), 304s keep working for both encodings, a change of data gives
a new ETag and a fresh body, and requests with credentials never touch the cache."""

from __future__ import annotations

import gzip
import json

import brotli
import pytest
import requests

from collaborations.core.services.versioning import data_version_bump
from tests.atlas_api.test_conditional_live import READS, site  # noqa: F401 - fixture

pytestmark = [pytest.mark.live]

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


def raw_get(url: str, **headers: str) -> tuple[requests.Response, bytes]:
    """The response and its body exactly as sent (not decoded)."""
    response = requests.get(url, headers=headers, timeout=10, stream=True)
    body = response.raw.read(decode_content=False)
    return response, body


@pytest.mark.parametrize("encoding", ["br", "gzip"])
@pytest.mark.parametrize("what", ["detail", "list page"])
def test_second_request_gets_the_same_compressed_bytes_from_the_cache(site, what, encoding):  # noqa: F811
    url = site.url + READS[what]
    first, first_body = raw_get(url, **{"Accept-Encoding": encoding})
    second, second_body = raw_get(url, **{"Accept-Encoding": encoding})
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Regioatlas-Cache"] in ("miss", "hit")
    assert second.headers["X-Regioatlas-Cache"] == "hit"
    assert first.headers["Content-Encoding"] == second.headers["Content-Encoding"] == encoding
    assert first_body == second_body
    assert int(second.headers["Content-Length"]) == len(second_body)
    assert second.headers["ETag"] == first.headers["ETag"]
    assert "accept-encoding" in second.headers["Vary"].lower()
    json.loads(DECODE[encoding](second_body))  # a whole JSON document


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_304_works_with_each_encoding_after_a_cached_response(site, encoding):  # noqa: F811
    url = site.url + READS["detail"]
    for _ in range(2):  # a miss, then a hit
        first = requests.get(url, headers={"Accept-Encoding": encoding}, timeout=10)
    assert first.headers["X-Regioatlas-Cache"] == "hit"
    headers = {"Accept-Encoding": encoding, "If-None-Match": first.headers["ETag"]}
    again = requests.get(url, headers=headers, timeout=10)
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]


def test_a_change_of_data_is_served_fresh(site):  # noqa: F811
    url = site.url + READS["detail"]
    requests.get(url, headers={"Accept-Encoding": "br"}, timeout=10)
    cached = requests.get(url, headers={"Accept-Encoding": "br"}, timeout=10)
    assert cached.headers["X-Regioatlas-Cache"] == "hit"
    data_version_bump()
    fresh = requests.get(url, headers={"Accept-Encoding": "br"}, timeout=10)
    assert fresh.headers["X-Regioatlas-Cache"] == "miss"
    assert fresh.headers["ETag"] != cached.headers["ETag"]


def test_requests_with_credentials_bypass_the_cache(site, django_user_model):  # noqa: F811
    from tests.harness.accounts import api_token

    token = api_token(django_user_model.objects.create_user(username="lezer"))
    url = site.url + READS["list page"]
    requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=10)  # fills the cache
    headers = {"Authorization": f"Token {token}", "Accept-Encoding": "gzip"}
    response = requests.get(url, headers=headers, timeout=10)
    assert response.status_code == 200
    assert "X-Regioatlas-Cache" not in response.headers
    bad = requests.get(url, headers={"Authorization": "Token wrong"}, timeout=10)
    assert bad.status_code == 401  # a cached read is no way around authentication


#: What Debian's chromium sends with the atlas's fetch() (issue 16: a browser's Accept-Language
#: made the cache's ETag differ from the view's, so no browser read was cached or compressed).
BROWSER = {
    "Accept": "application/geo+json",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8",
}


def test_a_browser_request_is_cached_and_compressed(site):  # noqa: F811
    url = site.url + READS["list page"]
    first, _ = raw_get(url, **BROWSER)
    second, body = raw_get(url, **BROWSER)
    assert first.headers["X-Regioatlas-Cache"] in ("miss", "hit")
    assert second.headers["X-Regioatlas-Cache"] == "hit"
    assert second.headers["Content-Encoding"] == "br"
    json.loads(brotli.decompress(body))
    again = requests.get(
        url, headers={**BROWSER, "If-None-Match": second.headers["ETag"]}, timeout=10
    )
    assert again.status_code == 304


def test_a_read_that_is_not_kept_is_still_compressed(site):  # noqa: F811
    """A response the cache does not keep (here: it sets a cookie) is compressed all the same."""
    url = site.url + READS["list page"]
    response, body = raw_get(url, **BROWSER, Cookie="csrftoken=not-a-valid-token")
    assert "X-Regioatlas-Cache" not in response.headers
    assert response.headers["Content-Encoding"] == "br"
    json.loads(brotli.decompress(body))


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_tile_is_compressed_once_and_served_again(site, encoding):  # noqa: F811
    """Tiles keep their own compressed bodies under the tile's ETag (atlas_api/tiles/views.py):
    the second request gets the same bytes, decoding to the tile sent without compression."""
    url = site.url + READS["tile"]
    first, first_body = raw_get(url, **{"Accept-Encoding": encoding})
    second, second_body = raw_get(url, **{"Accept-Encoding": encoding})
    plain, plain_body = raw_get(url, **{"Accept-Encoding": "identity"})
    assert first.status_code == second.status_code == plain.status_code == 200
    assert first.headers["Content-Encoding"] == second.headers["Content-Encoding"] == encoding
    assert "Content-Encoding" not in plain.headers
    assert first_body == second_body and DECODE[encoding](second_body) == plain_body
    assert int(second.headers["Content-Length"]) == len(second_body)
    assert first.headers["ETag"] == second.headers["ETag"] == plain.headers["ETag"]
    assert "accept-encoding" in second.headers["Vary"].lower()
    headers = {"Accept-Encoding": encoding, "If-None-Match": second.headers["ETag"]}
    assert requests.get(url, headers=headers, timeout=10).status_code == 304
