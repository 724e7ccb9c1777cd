"""HTTP conformance checks of OGC API Features, one function per testable requirement of the
Abstract Test Suites of Part 1 (OGC 17-069r4, Annex A: ``/conf/core``, ``/conf/geojson``,
``/conf/html``, ``/conf/oas30``) and Part 2 (OGC 18-058r1, Annex A: ``/conf/crs``), and per rule
of the Dutch ADR-GEO module (``/geo/...``). They talk to any server over HTTP with ``requests``
(gzip accepted), so the pytest cases (tests/ogc/conformance/test_conformance.py, the atlas
under gunicorn) and bench/bench_ogc.py (tipg, pygeoapi) run the very same checks.

A check raises AssertionError (or a requests error) when the server fails the requirement.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Callable, Iterable
from typing import Any

import requests

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
ETRS89 = "http://www.opengis.net/def/crs/EPSG/0/4258"
UNKNOWN_CRS = "http://www.opengis.net/def/crs/EPSG/0/9999"
GEOJSON = "application/geo+json"
CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


@dataclasses.dataclass
class Target:
    """A server under test: its landing page, the collections the checks use and the request
    values that select features there."""

    root: str  # landing page URL, without a trailing slash
    collections: tuple[str, ...]  # collections with features, checked one by one
    bbox: tuple[float, float, float, float]  # CRS84; selects some features of each
    instant: str = "2018-06-01"  # a datetime instant
    interval: str = "2016-01-01/2025-01-01"  # a datetime interval
    session: requests.Session = dataclasses.field(default_factory=requests.Session)
    _cache: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.session.headers["Accept-Encoding"] = "gzip"

    def get(self, path: str, **params: Any) -> requests.Response:
        """GET ``path`` (under the root, or an absolute URL)."""
        address = path if path.startswith("http") else self.root + path
        return self.session.get(address, params=params or None, timeout=60)

    def json(self, path: str, **params: Any) -> dict[str, Any]:
        response = self.get(path, **params)
        assert response.status_code == 200, f"{path} {params}: {response.status_code}"
        return response.json()

    def remember(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def openapi(self) -> dict[str, Any]:
        def load() -> dict[str, Any]:
            desc = links_of(self.json("/", f="json"), "service-desc")[0]["href"]
            return self.json(desc)

        return self.remember("openapi", load)

    def collection(self, cid: str) -> dict[str, Any]:
        return self.remember(f"collection:{cid}", lambda: self.json(f"/collections/{cid}"))

    def sample_id(self, cid: str) -> str:
        def first() -> str:
            features = self.json(f"/collections/{cid}/items", limit=1)["features"]
            assert features, f"{cid} has no features"
            return str(features[0]["id"])

        return self.remember(f"sample:{cid}", first)


@dataclasses.dataclass(frozen=True)
class Requirement:
    uri: str  # the requirement, e.g. /req/core/fc-limit-response (Part 2: /req/crs/...)
    cls: str  # conformance class: core, geojson, html, oas30, crs, adr-geo
    check: Callable[..., None]
    per_collection: bool = False

    @property
    def name(self) -> str:
        return "test_" + self.uri.strip("/").replace("/", "_").replace("-", "_")


# --- helpers -----------------------------------------------------------------------------


def links_of(document: dict[str, Any], rel: str) -> list[dict[str, Any]]:
    return [link for link in document.get("links", []) if link.get("rel", "").lower() == rel]


def media(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _rfc3339(text: str) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    assert value.tzinfo is not None, f"{text}: no time zone"
    return value


def _positions(geometry: dict[str, Any]) -> Iterable[list[float]]:
    if geometry["type"] == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from _positions(part)
        return
    stack = [geometry["coordinates"]]
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], (int, float)):
            yield item
        else:
            stack.extend(item)


def _envelope(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    points = list(_positions(geometry))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _resolve(document: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in item:
        node: Any = document
        for part in item["$ref"].lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        item = node
    return item


def _operation(t: Target, suffix: str, cid: str) -> dict[str, Any]:
    """The GET operation of ``/collections/{cid}{suffix}`` in the OpenAPI document (the
    collection's own path, or the generic one with ``{collectionId}``)."""
    document = t.openapi()
    paths = document["paths"]
    for template in (f"/collections/{cid}{suffix}", f"/collections/{{collectionId}}{suffix}"):
        if template in paths:
            return paths[template]["get"]
    raise AssertionError(f"/collections/{cid}{suffix} is not in the OpenAPI document")


def _parameter(t: Target, suffix: str, cid: str, name: str) -> dict[str, Any]:
    operation = _operation(t, suffix, cid)
    for item in operation.get("parameters", []):
        param = _resolve(t.openapi(), item)
        if param.get("name") == name and param.get("in") == "query":
            return param
    raise AssertionError(f"{suffix or 'collection'} of {cid} does not declare {name}")


def _schema(t: Target, param: dict[str, Any]) -> dict[str, Any]:
    return _resolve(t.openapi(), param.get("schema", {}))


def _items(t: Target, cid: str, **params: Any) -> requests.Response:
    return t.get(f"/collections/{cid}/items", **params)


def _page(t: Target, cid: str, **params: Any) -> dict[str, Any]:
    response = _items(t, cid, **params)
    assert response.status_code == 200, f"{params}: {response.status_code} {response.text[:200]}"
    return response.json()


def _bbox(t: Target) -> str:
    return ",".join(str(v) for v in t.bbox)


def _is_feature_collection(body: dict[str, Any]) -> None:
    assert body.get("type") == "FeatureCollection"
    assert isinstance(body.get("features"), list)
    for feature in body["features"]:
        _is_feature(feature)


def _is_feature(feature: dict[str, Any]) -> None:
    assert feature.get("type") == "Feature"
    assert "properties" in feature
    geometry = feature.get("geometry")
    assert geometry is None or geometry.get("type") in GEOMETRY_TYPES
    assert isinstance(feature.get("id", ""), (str, int))


def _crs_list(t: Target, cid: str) -> list[str]:
    crs = t.collection(cid).get("crs") or []
    if crs == ["#/crs"]:
        crs = t.json("/collections").get("crs") or []
    return crs


def _vertex(t: Target, cid: str, fid: str, crs: str | None = None) -> list[float]:
    params = {"crs": crs} if crs else {}
    feature = t.json(f"/collections/{cid}/items/{fid}", **params)
    return next(iter(_positions(feature["geometry"])))


# --- Part 1, core ------------------------------------------------------------------------


def req_core_http(t: Target) -> None:
    """/req/core/http: HTTP 1.1."""
    response = t.get("/")
    assert response.raw.version == 11


def req_core_root_op(t: Target) -> None:
    """/req/core/root-op: GET / answers 200."""
    assert t.get("/", f="json").status_code == 200


def req_core_root_success(t: Target) -> None:
    """/req/core/root-success: links to the API definition, conformance and collections."""
    root = t.json("/", f="json")
    for rel in ("service-desc", "conformance", "data"):
        assert links_of(root, rel), rel
    assert links_of(root, "service-doc") or links_of(root, "service-desc")


def req_core_api_definition_op(t: Target) -> None:
    """/req/core/api-definition-op: the service-desc link answers 200."""
    desc = links_of(t.json("/", f="json"), "service-desc")[0]["href"]
    assert t.get(desc).status_code == 200


def req_core_api_definition_success(t: Target) -> None:
    """/req/core/api-definition-success: an API definition (OpenAPI 3.0) with paths."""
    document = t.openapi()
    assert str(document.get("openapi", "")).startswith("3.")
    assert document.get("paths")


def req_core_conformance_op(t: Target) -> None:
    """/req/core/conformance-op: GET /conformance answers 200."""
    assert t.get("/conformance", f="json").status_code == 200


def req_core_conformance_success(t: Target) -> None:
    """/req/core/conformance-success: conformsTo lists the core class."""
    assert CORE in t.json("/conformance", f="json")["conformsTo"]


def req_core_query_param_unknown(t: Target, cid: str) -> None:
    """/req/core/query-param-unknown: an unknown parameter is a 400."""
    assert _items(t, cid, onbekendeParameter="1").status_code == 400


def req_core_query_param_invalid(t: Target, cid: str) -> None:
    """/req/core/query-param-invalid: an invalid value of a known parameter is a 400."""
    for params in ({"limit": "0"}, {"limit": "veel"}, {"bbox": "1,2,3"}):
        assert _items(t, cid, **params).status_code == 400, params


def req_core_fc_md_op(t: Target) -> None:
    """/req/core/fc-md-op: GET /collections answers 200."""
    assert t.get("/collections", f="json").status_code == 200


def req_core_fc_md_success(t: Target) -> None:
    """/req/core/fc-md-success: links and one entry per collection, with an id."""
    body = t.json("/collections", f="json")
    assert isinstance(body.get("links"), list) and isinstance(body.get("collections"), list)
    ids = {c["id"] for c in body["collections"]}
    assert set(t.collections) <= ids


def req_core_fc_md_links(t: Target) -> None:
    """/req/core/fc-md-links: a self link and an alternate per other format."""
    body = t.json("/collections", f="json")
    assert links_of(body, "self") and links_of(body, "alternate")


def req_core_fc_md_items(t: Target, cid: str) -> None:
    """/req/core/fc-md-items: each collection has an id and links."""
    entry = next(c for c in t.json("/collections")["collections"] if c["id"] == cid)
    assert entry["id"] == cid and isinstance(entry.get("links"), list)


def req_core_fc_md_items_links(t: Target, cid: str) -> None:
    """/req/core/fc-md-items-links: each collection links to its items."""
    entry = next(c for c in t.json("/collections")["collections"] if c["id"] == cid)
    items = links_of(entry, "items")
    assert items and any(link.get("type") == GEOJSON for link in items)


def req_core_fc_md_extent(t: Target, cid: str) -> None:
    """/req/core/fc-md-extent: spatial extent (CRS84 bbox) and temporal extent well formed."""
    extent = t.collection(cid)["extent"]
    for box in extent["spatial"]["bbox"]:
        assert len(box) in (4, 6)
        half = len(box) // 2
        (x0, y0), (x1, y1) = box[:2], box[half : half + 2]
        assert -180 <= x0 <= 180 and -180 <= x1 <= 180 and -90 <= y0 <= y1 <= 90, box
    assert extent["spatial"].get("crs", CRS84) == CRS84
    for start, end in extent.get("temporal", {}).get("interval", []):
        first = _rfc3339(start) if start else None
        last = _rfc3339(end) if end else None
        assert not (first and last) or first <= last


def req_core_sfc_md_op(t: Target, cid: str) -> None:
    """/req/core/sfc-md-op: GET /collections/{id} answers 200."""
    assert t.get(f"/collections/{cid}", f="json").status_code == 200


def req_core_sfc_md_success(t: Target, cid: str) -> None:
    """/req/core/sfc-md-success: the same description as in /collections."""
    listed = next(c for c in t.json("/collections")["collections"] if c["id"] == cid)
    single = t.collection(cid)
    for key in ("id", "title", "extent"):
        assert listed.get(key) == single.get(key), key


def req_core_fc_op(t: Target, cid: str) -> None:
    """/req/core/fc-op: GET /collections/{id}/items answers 200."""
    assert _items(t, cid).status_code == 200


def req_core_fc_bbox_definition(t: Target, cid: str) -> None:
    """/req/core/fc-bbox-definition: bbox is an array of 4 or 6 numbers, form explode=false."""
    param = _parameter(t, "/items", cid, "bbox")
    schema = _schema(t, param)
    assert schema.get("type") == "array" and _resolve(t.openapi(), schema["items"])["type"] in (
        "number",
        "integer",
    )
    assert schema.get("minItems") == 4 and schema.get("maxItems") == 6
    assert param.get("explode") is False and param.get("style", "form") == "form"


def req_core_fc_bbox_response(t: Target, cid: str) -> None:
    """/req/core/fc-bbox-response: only features whose geometry intersects the bbox."""
    body = _page(t, cid, bbox=_bbox(t), limit=100)
    assert body["features"], "the bbox selects nothing"
    x0, y0, x1, y1 = t.bbox
    for feature in body["features"]:
        fx0, fy0, fx1, fy1 = _envelope(feature["geometry"])
        assert fx0 <= x1 and fx1 >= x0 and fy0 <= y1 and fy1 >= y0, feature["id"]


def req_core_fc_limit_definition(t: Target, cid: str) -> None:
    """/req/core/fc-limit-definition: limit is an integer >= 1 with a maximum and a default."""
    schema = _schema(t, _parameter(t, "/items", cid, "limit"))
    assert schema.get("type") == "integer" and schema.get("minimum") == 1
    assert schema.get("maximum", 0) >= schema.get("default", 1) >= 1


def req_core_fc_limit_response(t: Target, cid: str) -> None:
    """/req/core/fc-limit-response: no more features than limit."""
    body = _page(t, cid, limit=1)
    assert len(body["features"]) <= 1


def req_core_fc_time_definition(t: Target, cid: str) -> None:
    """/req/core/fc-time-definition: datetime is a string, form, not exploded."""
    param = _parameter(t, "/items", cid, "datetime")
    assert _schema(t, param).get("type") == "string"
    assert param.get("style", "form") == "form" and param.get("explode", False) is False


def req_core_fc_time_response(t: Target, cid: str) -> None:
    """/req/core/fc-time-response: an instant and intervals (closed, open at either end)
    select features; a malformed value is a 400."""
    start, end = t.interval.split("/")
    for value in (t.instant, t.interval, f"../{end}", f"{start}/..", f"{t.instant}T12:00:00Z"):
        _is_feature_collection(_page(t, cid, datetime=value, limit=5))
    assert _items(t, cid, datetime="gisteren").status_code == 400


def req_core_fc_response(t: Target, cid: str) -> None:
    """/req/core/fc-response: a FeatureCollection of features."""
    _is_feature_collection(_page(t, cid, limit=5))


def req_core_fc_links(t: Target, cid: str) -> None:
    """/req/core/fc-links: self, alternate, and next while there are more features."""
    body = _page(t, cid, limit=1)
    assert links_of(body, "self") and links_of(body, "alternate")
    if body.get("numberMatched", 2) > 1:
        assert links_of(body, "next")


def req_core_fc_timeStamp(t: Target, cid: str) -> None:  # noqa: N802 - the requirement's id
    """/req/core/fc-timeStamp: timeStamp, when given, is when the response was made."""
    stamp = _page(t, cid, limit=1).get("timeStamp")
    if stamp is not None:
        age = datetime.datetime.now(datetime.UTC) - _rfc3339(stamp)
        assert abs(age.total_seconds()) < 300, stamp


def req_core_fc_numberMatched(t: Target, cid: str) -> None:  # noqa: N802 - the requirement's id
    """/req/core/fc-numberMatched: numberMatched, when given, is the number of features that
    paging through the next links returns."""
    body = _page(t, cid, limit=1000)
    matched = body.get("numberMatched")
    if matched is None:
        return
    count = len(body["features"])
    for _ in range(50):
        nxt = links_of(body, "next")
        if not nxt:
            break
        body = t.json(nxt[0]["href"])
        count += len(body["features"])
    assert count == matched, (count, matched)


def req_core_fc_numberReturned(t: Target, cid: str) -> None:  # noqa: N802 - the requirement's id
    """/req/core/fc-numberReturned: numberReturned, when given, counts the features."""
    body = _page(t, cid, limit=3)
    if "numberReturned" in body:
        assert body["numberReturned"] == len(body["features"])


def req_core_f_op(t: Target, cid: str) -> None:
    """/req/core/f-op: GET /collections/{id}/items/{featureId} answers 200."""
    assert t.get(f"/collections/{cid}/items/{t.sample_id(cid)}").status_code == 200


def req_core_f_success(t: Target, cid: str) -> None:
    """/req/core/f-success: a Feature."""
    _is_feature(t.json(f"/collections/{cid}/items/{t.sample_id(cid)}"))


def req_core_f_links(t: Target, cid: str) -> None:
    """/req/core/f-links: self, alternate and collection links."""
    feature = t.json(f"/collections/{cid}/items/{t.sample_id(cid)}")
    for rel in ("self", "alternate", "collection"):
        assert links_of(feature, rel), rel


# --- Part 1, GeoJSON, HTML, OpenAPI 3.0 --------------------------------------------------


def req_geojson_definition(t: Target, cid: str) -> None:
    """/req/geojson/definition: items and item in application/geo+json on request."""
    headers = {"Accept": GEOJSON}
    for path in (f"/collections/{cid}/items", f"/collections/{cid}/items/{t.sample_id(cid)}"):
        response = t.session.get(t.root + path, headers=headers, timeout=60)
        assert response.status_code == 200 and media(response) == GEOJSON, path


def req_geojson_content(t: Target, cid: str) -> None:
    """/req/geojson/content: the GeoJSON FeatureCollection and Feature structure."""
    _is_feature_collection(_page(t, cid, limit=5))
    _is_feature(t.json(f"/collections/{cid}/items/{t.sample_id(cid)}"))


def _html_paths(t: Target, cid: str) -> list[str]:
    return [
        "/",
        "/conformance",
        "/collections",
        f"/collections/{cid}",
        f"/collections/{cid}/items",
        f"/collections/{cid}/items/{t.sample_id(cid)}",
    ]


def req_html_definition(t: Target, cid: str) -> None:
    """/req/html/definition: every resource in text/html (``f=html``)."""
    for path in _html_paths(t, cid):
        response = t.get(path, f="html")
        assert response.status_code == 200 and media(response) == "text/html", path


def req_html_content(t: Target, cid: str) -> None:
    """/req/html/content: HTML pages with the content, asked for by Accept: text/html."""
    headers = {"Accept": "text/html"}
    for path in _html_paths(t, cid):
        response = t.session.get(t.root + path, headers=headers, timeout=60)
        assert media(response) == "text/html" and "<html" in response.text.lower(), path


def req_oas30_oas_definition_1(t: Target) -> None:
    """/req/oas30/oas-definition-1: the definition as application/vnd.oai.openapi+json 3.0."""
    desc = links_of(t.json("/", f="json"), "service-desc")
    assert any(link.get("type", "").startswith("application/vnd.oai.openapi+json") for link in desc)


def req_oas30_oas_definition_2(t: Target) -> None:
    """/req/oas30/oas-definition-2: the definition as HTML (service-doc)."""
    doc = links_of(t.json("/", f="json"), "service-doc")
    assert doc and media(t.get(doc[0]["href"])) == "text/html"


def req_oas30_completeness(t: Target, cid: str) -> None:
    """/req/oas30/completeness: every resource of Part 1 is in the definition."""
    _operation(t, "", cid)
    _operation(t, "/items", cid)
    _operation(t, "/items/{featureId}", cid)
    for path in ("/", "/conformance", "/collections"):
        assert path in t.openapi()["paths"] or (path == "/" and "" in t.openapi()["paths"]), path


def req_oas30_exceptions_codes(t: Target, cid: str) -> None:
    """/req/oas30/exceptions-codes: the error responses of items are in the definition."""
    responses = _operation(t, "/items", cid)["responses"]
    assert "400" in responses or "4XX" in responses or "default" in responses


def _concrete(template: str, t: Target, cid: str) -> str | None:
    """The path of ``template`` for collection ``cid``; None when it is another collection's
    or needs values other than the collection and a feature id (tiles)."""
    if (
        template.startswith("/collections/")
        and not template.startswith((f"/collections/{cid}/", "/collections/{collectionId}"))
        and template != f"/collections/{cid}"
    ):
        return None
    path = template.replace("{collectionId}", cid)
    if "{featureId}" in path:
        path = path.replace("{featureId}", t.sample_id(cid))
    return None if "{" in path else path


def req_oas30_oas_impl(t: Target, cid: str) -> None:
    """/req/oas30/oas-impl: every GET path of the definition (for this collection) is
    implemented."""
    for template, item in t.openapi()["paths"].items():
        path = _concrete(template, t, cid) if "get" in item else None
        if path is not None:
            assert t.get(path).status_code == 200, path


# --- Part 2, CRS by reference ------------------------------------------------------------


def req_crs_crs_uri(t: Target, cid: str) -> None:
    """/req/crs/crs-uri: CRSs are named by URIs."""
    for crs in [*_crs_list(t, cid), t.collection(cid).get("storageCrs", CRS84)]:
        assert crs.startswith("http://www.opengis.net/def/crs/"), crs


def req_crs_fc_md_crs_list(t: Target, cid: str) -> None:
    """/req/crs/fc-md-crs-list: each collection lists its CRSs, CRS84 among them."""
    crs = _crs_list(t, cid)
    assert crs and CRS84 in crs


def req_crs_fc_md_storageCrs(t: Target, cid: str) -> None:  # noqa: N802 - the requirement's id
    """/req/crs/fc-md-storageCrs: storageCrs names the CRS the features are stored in."""
    assert t.collection(cid).get("storageCrs")


def req_crs_fc_md_storageCrs_valid_value(t: Target, cid: str) -> None:  # noqa: N802
    """/req/crs/fc-md-storageCrs-valid-value: storageCrs is one of the collection's CRSs."""
    assert t.collection(cid)["storageCrs"] in _crs_list(t, cid)


def req_crs_fc_md_crs_list_global(t: Target) -> None:
    """/req/crs/fc-md-crs-list-global: a collection that says ``#/crs`` finds the list in
    /collections."""
    body = t.json("/collections")
    if any(c.get("crs") == ["#/crs"] for c in body["collections"]):
        assert body.get("crs")


def req_crs_fc_bbox_crs_definition(t: Target, cid: str) -> None:
    """/req/crs/fc-bbox-crs-definition: bbox-crs is a string (URI) parameter of items."""
    schema = _schema(t, _parameter(t, "/items", cid, "bbox-crs"))
    assert schema.get("type") == "string"


def req_crs_fc_bbox_crs_valid_value(t: Target, cid: str) -> None:
    """/req/crs/fc-bbox-crs-valid-value: a CRS the collection does not list is a 400."""
    assert _items(t, cid, bbox=_bbox(t), **{"bbox-crs": UNKNOWN_CRS}).status_code == 400


def req_crs_fc_bbox_crs_valid_defaultValue(t: Target, cid: str) -> None:  # noqa: N802
    """/req/crs/fc-bbox-crs-valid-defaultValue: without bbox-crs the bbox is in CRS84."""
    plain = _page(t, cid, bbox=_bbox(t), limit=100)
    explicit = _page(t, cid, bbox=_bbox(t), limit=100, **{"bbox-crs": CRS84})
    assert [f["id"] for f in plain["features"]] == [f["id"] for f in explicit["features"]]


def _ids_near(t: Target, cid: str, point: list[float], half: float, crs: str) -> set:
    x, y = point[0], point[1]
    box = f"{x - half},{y - half},{x + half},{y + half}"
    body = _page(t, cid, bbox=box, limit=1000, **{"bbox-crs": crs})
    return {f["id"] for f in body["features"]}


def req_crs_fc_bbox_crs_action(t: Target, cid: str) -> None:
    """/req/crs/fc-bbox-crs-action: a bbox in RD New (and in ETRS89, latitude first) selects
    the features a bbox in CRS84 around the same place selects."""
    fid = t.sample_id(cid)
    lon_lat = _vertex(t, cid, fid)
    expected = _ids_near(t, cid, lon_lat, 1e-5, CRS84)
    assert fid in expected
    assert _ids_near(t, cid, _vertex(t, cid, fid, RD), 1.0, RD) == expected
    assert _ids_near(t, cid, lon_lat[::-1], 1e-5, ETRS89) == expected


def req_crs_fc_crs_definition(t: Target, cid: str) -> None:
    """/req/crs/fc-crs-definition: crs is a string (URI) parameter of items and item."""
    for suffix in ("/items", "/items/{featureId}"):
        assert _schema(t, _parameter(t, suffix, cid, "crs")).get("type") == "string", suffix


def req_crs_fc_crs_valid_value(t: Target, cid: str) -> None:
    """/req/crs/fc-crs-valid-value: a CRS the collection does not list is a 400."""
    assert _items(t, cid, crs=UNKNOWN_CRS).status_code == 400
    path = f"/collections/{cid}/items/{t.sample_id(cid)}"
    assert t.get(path, crs=UNKNOWN_CRS).status_code == 400


def req_crs_fc_crs_default_value(t: Target, cid: str) -> None:
    """/req/crs/fc-crs-default-value: without crs the geometry is in CRS84."""
    fid = t.sample_id(cid)
    assert _vertex(t, cid, fid) == _vertex(t, cid, fid, CRS84)


def req_crs_fc_crs_action(t: Target, cid: str) -> None:
    """/req/crs/fc-crs-action: every listed CRS gives the geometry in that CRS."""
    fid = t.sample_id(cid)
    lon, lat = _vertex(t, cid, fid)[:2]
    for crs in _crs_list(t, cid):
        x, y = _vertex(t, cid, fid, crs)[:2]
        if crs == RD:
            assert 0 < x < 300_000 and 300_000 < y < 650_000, (x, y)
        elif crs in (CRS84, ETRS89):
            near = (x, y) if crs == CRS84 else (y, x)
            assert math.dist(near, (lon, lat)) < 1e-4, (crs, x, y)


def req_crs_ogc_crs_header(t: Target, cid: str) -> None:
    """/req/crs/ogc-crs-header: Content-Crs on items and item."""
    for crs in _crs_list(t, cid):
        assert "Content-Crs" in _items(t, cid, crs=crs, limit=1).headers, crs
        path = f"/collections/{cid}/items/{t.sample_id(cid)}"
        assert "Content-Crs" in t.get(path, crs=crs).headers, crs


def req_crs_ogc_crs_header_value(t: Target, cid: str) -> None:
    """/req/crs/ogc-crs-header-value: Content-Crs is the URI of the CRS, in angle brackets."""
    for crs in _crs_list(t, cid):
        assert _items(t, cid, crs=crs, limit=1).headers.get("Content-Crs") == f"<{crs}>"


def req_crs_geojson(t: Target, cid: str) -> None:
    """/req/crs/geojson: GeoJSON in another CRS keeps the axis order of that CRS (ETRS89:
    latitude, longitude)."""
    if ETRS89 not in _crs_list(t, cid):
        return
    fid = t.sample_id(cid)
    lat, lon = _vertex(t, cid, fid, ETRS89)[:2]
    assert math.dist((lon, lat), tuple(_vertex(t, cid, fid)[:2])) < 1e-4


# --- ADR-GEO (Geonovum / Logius API Design Rules, geospatial module) ----------------------


def geo_geojson_response(t: Target, cid: str) -> None:
    """/geo/geojson-response: geometry is answered as GeoJSON (application/geo+json)."""
    response = _items(t, cid, limit=1)
    assert media(response) == GEOJSON
    _is_feature_collection(response.json())


def geo_bbox_query_parameter(t: Target, cid: str) -> None:
    """/geo/bbox-query-parameter: a bbox parameter filters a collection by area."""
    req_core_fc_bbox_definition(t, cid)
    req_core_fc_bbox_response(t, cid)


def geo_crs_list(t: Target, cid: str) -> None:
    """/geo/crs-list: the API lists the CRSs it supports."""
    req_crs_fc_md_crs_list(t, cid)


def geo_default_crs(t: Target, cid: str) -> None:
    """/geo/default-crs: without a CRS, geometry is in CRS84 (and says so)."""
    response = _items(t, cid, limit=1)
    assert response.headers.get("Content-Crs") == f"<{CRS84}>"
    req_crs_fc_crs_default_value(t, cid)


def geo_preferred_crs(t: Target, cid: str) -> None:
    """/geo/preferred-crs: RD New and ETRS89 on request."""
    assert {RD, ETRS89} <= set(_crs_list(t, cid))
    for crs in (RD, ETRS89):
        assert _items(t, cid, crs=crs, limit=1).headers.get("Content-Crs") == f"<{crs}>"


def geo_content_crs_response_header(t: Target, cid: str) -> None:
    """/geo/content-crs-response-header: every response with geometry names its CRS."""
    req_crs_ogc_crs_header(t, cid)


def _requirement(function: Callable[..., None], cls: str) -> Requirement:
    uri = (function.__doc__ or "").split(":")[0].strip()
    per_collection = function.__code__.co_argcount == 2
    return Requirement(uri, cls, function, per_collection)


def _all() -> list[Requirement]:
    classes = {
        "req_core_": "core",
        "req_geojson_": "geojson",
        "req_html_": "html",
        "req_oas30_": "oas30",
        "req_crs_": "crs",
        "geo_": "adr-geo",
    }
    found = []
    for name, value in globals().items():
        prefix = next((p for p in classes if name.startswith(p)), None)
        if prefix and callable(value):
            found.append(_requirement(value, classes[prefix]))
    return found


#: Every requirement, in the order of the standards (Part 1, Part 2, ADR-GEO).
REQUIREMENTS = _all()


def run_all(t: Target) -> dict[str, bool]:
    """Each requirement (per collection where it applies) -> passed, for the bench."""
    results: dict[str, bool] = {}
    for requirement in REQUIREMENTS:
        targets = t.collections if requirement.per_collection else (None,)
        passed = True
        for cid in targets:
            try:
                requirement.check(t) if cid is None else requirement.check(t, cid)
            except Exception:  # any failure is a failed requirement
                passed = False
        results[requirement.uri] = passed
    return results
