"""Renderers for :class:`Collection` and :class:`Item`: JSON, GeoJSON (RFC 7946), CSV, XLSX and
GeoPackage. Errors (plain dicts) always render as JSON problem details."""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from rest_framework.renderers import BaseRenderer, JSONRenderer

from .collection import Collection, Item

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _default(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default)


def _error_json(data: Any) -> bytes:
    return dumps(data).encode()


class ApiJSONRenderer(JSONRenderer):
    """Plain JSON: ``{"totaal", "pagina", "paginaGrootte", "_links", "<name>": [...]}``; a
    geometry is embedded as a GeoJSON object in ``geometrie``."""

    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, Collection):
            rows = [_with_geometry(r, g) for r, g in _pairs(data)]
            head = {
                "totaal": data.total,
                "pagina": data.page,
                "paginaGrootte": data.page_size,
                "_links": data.links,
            }
            head = {k: v for k, v in head.items() if v is not None and v != {}}
            return _splice(head, data.name, rows)
        if isinstance(data, Item):
            return _item_json(data)
        return _error_json(data)


def _pairs(data: Collection):
    geometries = data.geometries or [None] * len(data.rows)
    has_geometry = data.geometries is not None
    for row, geometry in zip(data.rows, geometries, strict=True):
        yield row, (geometry if has_geometry else _NO_GEOMETRY)


_NO_GEOMETRY = object()


def _with_geometry(row: dict, geometry, members: str | None = None) -> str:
    """A row as JSON text (with ``members``, see :func:`_object`), with the geometry text
    spliced in as is."""
    text = _object(row, members)
    if geometry is _NO_GEOMETRY:
        return text
    inner = text[1:-1]
    separator = "," if inner else ""
    return "{" + inner + separator + '"geometrie":' + (geometry or "null") + "}"


def _splice(head: dict, name: str, rows: list[str]) -> bytes:
    text = dumps(head)
    inner = text[1:-1]
    separator = "," if inner else ""
    return ("{" + inner + separator + dumps(name) + ":[" + ",".join(rows) + "]}").encode()


def _object(row: dict, members: str | None = None) -> str:
    """``row`` as JSON text followed by ``members``, a JSON object's text whose members are
    spliced in as they are (an item's stored document; ``_links`` stays last): the same text
    as dumps() of the merged dict when ``members`` was made by dumps() too."""
    links = row.get("_links") if members else None
    if links is not None:
        row = {k: v for k, v in row.items() if k != "_links"}
    text = dumps(row)
    if members and members != "{}":
        text = text[:-1] + ("," if text != "{}" else "") + members[1:]
    if links is not None:
        text = text[:-1] + ("," if text != "{}" else "") + '"_links":' + dumps(links) + "}"
    return text


def _item_json(data: Item) -> bytes:
    row = dict(data.row)
    if data.links:
        row["_links"] = data.links
    if data.has_geometry:
        return _with_geometry(row, data.geometry, data.members).encode()
    return _object(row, data.members).encode()


class GeoJSONRenderer(BaseRenderer):
    """RFC 7946 FeatureCollection / Feature. Coordinates in WGS84 unless Content-Crs says
    otherwise (then a ``crs`` member names it, as the ADR geospatial module allows)."""

    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, Collection):
            features = [
                _feature(row, geometry, data.id_field) for row, geometry in _pairs_geo(data)
            ]
            head: dict[str, Any] = {"type": "FeatureCollection"}
            if data.total is not None:
                head["numberMatched"] = data.total
            head["numberReturned"] = len(data.rows)
            if data.links:
                head["links"] = [
                    {"href": href, "rel": rel, "type": self.media_type}
                    for rel, href in data.links.items()
                    if href
                ]
            head.update(_crs_member(data.crs))
            return _splice(head, "features", features)
        if isinstance(data, Item):
            feature = _feature(data.row, data.geometry, data.id_field, data.members)
            crs = _crs_member(data.crs)
            if crs:
                feature = feature[:-1] + "," + dumps(crs)[1:]
            return feature.encode()
        return _error_json(data)


def _pairs_geo(data: Collection):
    geometries = data.geometries or [None] * len(data.rows)
    return zip(data.rows, geometries, strict=True)


def _feature(row: dict, geometry: str | None, id_field: str, members: str | None = None) -> str:
    return (
        '{"type":"Feature","id":'
        + dumps(row.get(id_field))
        + ',"geometry":'
        + (geometry or "null")
        + ',"properties":'
        + _object(row, members)
        + "}"
    )


def _crs_member(crs: str) -> dict:
    if crs in ("EPSG:4326", "OGC:CRS84"):
        return {}
    return {"crs": {"type": "name", "properties": {"name": crs}}}


def safe_cell(value: Any) -> Any:
    """A table cell that a spreadsheet will not run as a formula (CSV/XLSX injection)."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = dumps(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table_of(data: Collection | Item) -> tuple[list[str], list[list[Any]]]:
    rows = data.rows if isinstance(data, Collection) else [data.row]
    columns = (data.columns if isinstance(data, Collection) else None) or (
        list(rows[0]) if rows else []
    )
    return columns, [[safe_cell(row.get(c)) for c in columns] for row in rows]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, Collection | Item):
            return _error_json(data)
        columns, rows = table_of(data)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


class XLSXRenderer(BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, Collection | Item):
            return _error_json(data)
        from openpyxl import Workbook

        columns, rows = table_of(data)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=data.name[:31])
        sheet.append(columns)
        for row in rows:
            sheet.append([_xlsx_value(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    """Spreadsheets have no time zones: a moment is shown in the atlas's time zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class GeoPackageRenderer(BaseRenderer):
    """OGC GeoPackage with one layer; written by GDAL through pyogrio."""

    media_type = "application/geopackage+sqlite3"
    format = "gpkg"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, Item):  # one feature: a layer with one row
            data = Collection(
                name=data.name,
                rows=[data.row],
                geometries=[data.geometry] if data.has_geometry else None,
                crs=data.crs,
            )
        if not isinstance(data, Collection):
            return _error_json(data)
        import numpy as np
        import pyogrio.raw
        import shapely

        columns, rows = table_of(data)
        fields = [
            np.array([_gpkg_value(r[i]) for r in rows], dtype=object) for i in range(len(columns))
        ]
        geometry, geometry_type = None, None  # a table without geometry (geometrie=false)
        if data.geometries is not None:
            shapes = shapely.from_geojson([g or _EMPTY for g in data.geometries])
            geometry, geometry_type = shapely.to_wkb(shapes), "Unknown"
            if not len(rows):
                geometry = np.array([], dtype=object)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{data.name}.gpkg"
            pyogrio.raw.write(
                str(path),
                geometry=geometry,
                field_data=fields,
                fields=columns,
                layer=data.name,
                driver="GPKG",
                geometry_type=geometry_type,
                crs=data.crs if geometry is not None else None,
            )
            return path.read_bytes()


_EMPTY = '{"type":"GeometryCollection","geometries":[]}'


def _gpkg_value(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | Decimal):
        return str(value)
    return value


TABLE_RENDERERS = [CSVRenderer, XLSXRenderer]
TABLE_FORMATS = ("csv", "xlsx")


def wants_table(request) -> bool:
    """Does the request's chosen renderer answer with a table (CSV or XLSX)?"""
    return getattr(request.accepted_renderer, "format", "json") in TABLE_FORMATS


GEO_RENDERERS = [ApiJSONRenderer, GeoJSONRenderer, *TABLE_RENDERERS, GeoPackageRenderer]
PLAIN_RENDERERS = [ApiJSONRenderer, *TABLE_RENDERERS]
