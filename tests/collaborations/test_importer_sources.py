"""Where the shared data folder is absent, the importers download what is published online
from its public source into a cache; derived tables that are not published say so."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from collaborations.sources.base import ImportError_, Source, locate


@pytest.fixture
def local_publisher(tmp_path):
    """A web server on the loopback address that publishes one file, as PDOK or Open State
    would."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "gemeenten.csv").write_text("code,naam\nGM0363,Amsterdam\n", encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_shared_folder_first(settings, tmp_path):
    settings.REGIOATLAS_DATA_DIR = tmp_path / "data"
    (tmp_path / "data" / "nl").mkdir(parents=True)
    (tmp_path / "data" / "nl" / "a.csv").write_text("x\n")
    assert locate(Source("nl/a.csv", url="http://127.0.0.1:9/never")) == tmp_path / "data/nl/a.csv"


def test_downloads_into_the_cache_when_the_folder_is_absent(settings, tmp_path, local_publisher):
    settings.REGIOATLAS_DATA_DIR = tmp_path / "absent"
    settings.REGIOATLAS_CACHE_DIR = tmp_path / "cache"
    source = Source("nl/cbs/gemeenten.csv", url=f"{local_publisher}/gemeenten.csv")
    path = locate(source)
    assert path == tmp_path / "cache" / "nl/cbs/gemeenten.csv"
    assert "GM0363" in path.read_text(encoding="utf-8")
    assert locate(source) == path  # the second time from the cache


def test_a_derived_table_that_is_not_published_says_so(settings, tmp_path):
    settings.REGIOATLAS_DATA_DIR = tmp_path / "absent"
    settings.REGIOATLAS_CACHE_DIR = tmp_path / "cache"
    with pytest.raises(ImportError_, match="not published online"):
        locate(Source("nl/cbs/herindelingen_2015_2026.csv", url=None))


def test_a_failed_download_is_an_error_not_an_empty_file(settings, tmp_path, local_publisher):
    settings.REGIOATLAS_DATA_DIR = tmp_path / "absent"
    settings.REGIOATLAS_CACHE_DIR = tmp_path / "cache"
    with pytest.raises(Exception, match="404"):
        locate(Source("nl/missing.csv", url=f"{local_publisher}/missing.csv"))
    assert not (tmp_path / "cache" / "nl" / "missing.csv").exists()
