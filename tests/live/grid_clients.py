"""What the live tests of the congruence and differences endpoints share: the pair of
partitions of tests/divisions/grid.py and a GET that asks for compression (the fixture
``grid_site`` is in conftest.py)."""

from __future__ import annotations

import csv
import io

import requests

PAIR = "a=veiligheidsregios&b=ggd-regios"


def get(url: str) -> requests.Response:
    return requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=30)


def get_json_compressed(url: str) -> tuple[requests.Response, dict]:
    """A 200 sent gzip-compressed, and its JSON."""
    response = get(url)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    return response, response.json()


def get_csv_rows(url: str) -> list[dict[str, str]]:
    """The rows of a CSV answer (UTF-8 with BOM)."""
    response = get(url)
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def revalidate(url: str, response: requests.Response) -> int:
    """The status of ``url`` asked again with the ETag of ``response``."""
    headers = {"If-None-Match": response.headers["ETag"]}
    return requests.get(url, headers=headers, timeout=30).status_code
