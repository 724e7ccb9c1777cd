"""Vector tiles (Mapbox Vector Tile 2.1) cut by PostGIS from the pre-simplified tile geometry.

One statement per tile: the features of the zoom band that overlap the tile envelope
(``TileGeometry``, GiST index; for arrangements on a peildatum other than today, their footprint
versions of that day simplified on the fly), joined to the attributes of their objects (for arrangements:
the arrangements that pass the shared filters), encoded by ``ST_AsMVT``. Both halves are built
by the ORM; only the join and the ``ST_AsMVT`` call around them are written by hand."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db import connection
from django.db.models import F, Func, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import NullIf

from collaborations.arrangements.models import ArrangementFootprint
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.footprints import is_today
from collaborations.arrangements.selectors.lists import arrangement_kind
from collaborations.core.functions import (
    TILE_SRID,
    AsMVTGeom,
    MakeEnvelope,
    Multi,
    SimplifyPreserveTopology,
    TileEnvelope,
)
from collaborations.geography.models import Municipality, Province
from collaborations.tiles.choices import MAX_ZOOM, TileLayer, ZoomBand, zoom_band
from collaborations.tiles.models import LIST_BAND, LIST_PRECISION, TileGeometry

SRID = settings.REGIOATLAS_SRID
RD_SRID = settings.RD_SRID
MVT_EXTENT = 4096  # tile units per tile side
MVT_BUFFER = 64  # tile units kept around the tile so that borders do not show at tile edges

#: Name of the layer inside the tile (``source-layer`` in MapLibre), as in the URL.
MVT_LAYER_NAMES: dict[str, str] = {
    TileLayer.GEMEENTE: "gemeenten",
    TileLayer.PROVINCIE: "provincies",
    TileLayer.SAMENWERKINGSVERBAND: "samenwerkingsverbanden",
}


class TileOutOfRangeError(ValueError):
    """z/x/y is not a tile of the Web Mercator tile matrix set (or zoom > MAX_ZOOM)."""


def tile_in_range(*, z: int, x: int, y: int) -> bool:
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z


@dataclass(frozen=True)
class TileBox:
    """Where a tile is: its ``envelope`` (a geometry expression in ``srid``), the zoom band
    whose pre-simplified geometry it shows, and the envelope to search the tile geometry
    (Web Mercator) with."""

    envelope: Func
    srid: int
    band: ZoomBand
    search: Func


def webmercator_box(*, z: int, x: int, y: int) -> TileBox:
    """Tile z/x/y of WebMercatorQuad (XYZ: row 0 in the north)."""
    envelope = TileEnvelope(Value(z), Value(x), Value(y))
    return TileBox(envelope=envelope, srid=TILE_SRID, band=zoom_band(z), search=envelope)


#: NetherlandsRDNewQuad (OGC TMS 2.0, as PDOK serves it): EPSG:28992, top-left origin, 256 px
#: tiles, 3440.64 m per pixel at level 0 (scale 1:12 288 000), halving per level.
RD_ORIGIN = (-285401.92, 903401.92)
RD_CELL_SIZE = 3440.64
RD_TILE_SIZE = 256
RD_MAX_LEVEL = 16
#: An RD level shows about as much as Web Mercator zoom level + 5 does in the Netherlands (a
#: Mercator metre is about 0.62 m at 52 degrees north): that zoom band serves it.
RD_ZOOM_OFFSET = 5


def rd_tile_bounds(*, level: int, row: int, col: int) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) in RD New of a tile of NetherlandsRDNewQuad."""
    size = RD_CELL_SIZE * RD_TILE_SIZE / 2**level
    minx = RD_ORIGIN[0] + col * size
    maxy = RD_ORIGIN[1] - row * size
    return (minx, maxy - size, minx + size, maxy)


def rd_box(*, level: int, row: int, col: int) -> TileBox:
    """Tile level/row/col of NetherlandsRDNewQuad."""
    minx, miny, maxx, maxy = rd_tile_bounds(level=level, row=row, col=col)
    margin = (maxx - minx) * MVT_BUFFER / MVT_EXTENT * 2
    envelope = MakeEnvelope(Value(minx), Value(miny), Value(maxx), Value(maxy), Value(RD_SRID))
    wide = MakeEnvelope(
        Value(minx - margin),
        Value(miny - margin),
        Value(maxx + margin),
        Value(maxy + margin),
        Value(RD_SRID),
    )
    band = zoom_band(min(level + RD_ZOOM_OFFSET, MAX_ZOOM))
    return TileBox(envelope=envelope, srid=RD_SRID, band=band, search=Transform(wide, TILE_SRID))


def rd_tile_in_range(*, level: int, row: int, col: int) -> bool:
    return 0 <= level <= RD_MAX_LEVEL and 0 <= row < 2**level and 0 <= col < 2**level


def _in_box(geometry, box: TileBox):
    return geometry if box.srid == TILE_SRID else Transform(geometry, box.srid)


def _features(*, layer: str, box: TileBox) -> QuerySet:
    geometry = AsMVTGeom(
        _in_box(F("geom"), box), box.envelope, Value(MVT_EXTENT), Value(MVT_BUFFER), Value(True)
    )
    return (
        TileGeometry.objects.filter(layer=layer, band=box.band.band, geom__bboverlaps=box.search)
        .order_by()
        .values(fid=F("object_id"), mvt=geometry)
    )


#: Metres of Web Mercator per degree of longitude at the equator: a band's tolerance (Web
#: Mercator metres) in degrees, for footprints simplified on the fly (a little finer than the
#: band, as the Mercator scale at 51-53 N is 1.6).
MERCATOR_METRES_PER_DEGREE = 111_319.49


def _footprint_features(*, box: TileBox, day) -> QuerySet:
    """The footprints of a peildatum other than today, simplified for the zoom band on the fly
    (``ArrangementFootprint``: one GiST lookup on (period, geom) per tile)."""
    tolerance = box.band.tolerance / MERCATOR_METRES_PER_DEGREE
    simplified = Multi(SimplifyPreserveTopology(F("geom"), Value(tolerance)))
    geometry = AsMVTGeom(
        Transform(simplified, box.srid),
        box.envelope,
        Value(MVT_EXTENT),
        Value(MVT_BUFFER),
        Value(True),
    )
    return (
        ArrangementFootprint.objects.filter(
            period__contains=day, geom__bboverlaps=Transform(box.search, SRID)
        )
        .order_by()
        .values(fid=F("arrangement_id"), mvt=geometry)
    )


def _municipality_attributes(f: ArrangementFilter) -> QuerySet:
    queryset = Municipality.objects.filter(country=f.country).order_by()
    if f.provinces:
        queryset = queryset.filter(province__code__in=list(f.provinces))
    return queryset.values("code", fid=F("pk"), naam=F("name"), provincie=F("province__code"))


def _province_attributes(f: ArrangementFilter) -> QuerySet:
    queryset = Province.objects.order_by()
    if f.provinces:
        queryset = queryset.filter(code__in=list(f.provinces))
    return queryset.values("code", fid=F("pk"), naam=F("name"))


def _arrangement_attributes(f: ArrangementFilter) -> QuerySet:
    # No member count here: a subquery per feature costs a fifth of the tile's time, and the
    # atlas reads counts from /samenwerkingsverbanden.
    return (
        arrangements_filter(filters=f)
        .order_by()
        .values(
            "id",
            "slug",
            fid=F("pk"),
            naam=F("name"),
            rechtsvormFamilie=F("legal_form_family"),
            rechtsvorm=NullIf(F("legal_form"), Value("")),
            verplicht=F("is_mandatory"),
            soort=arrangement_kind(),
            indeling=F("division__slug"),
        )
    )


_ATTRIBUTES = {
    TileLayer.GEMEENTE: _municipality_attributes,
    TileLayer.PROVINCIE: _province_attributes,
    TileLayer.SAMENWERKINGSVERBAND: _arrangement_attributes,
}

# The hand-written part: a join of two ORM-compiled subqueries, encoded by ST_AsMVT. Values
# are always parameters (the subqueries bring their own).
_SELECT = "SELECT ST_AsMVT(tile, %s, %s, 'geom', 'fid') FROM (SELECT f.mvt AS geom, a.* FROM ("
_JOIN = ") AS f JOIN ("
# No "WHERE f.mvt IS NOT NULL": PostgreSQL would push it into the scan and compute
# ST_AsMVTGeom twice per feature; ST_AsMVT skips rows whose geometry is NULL by itself.
_WHERE = ") AS a ON a.fid = f.fid) AS tile"


def tile_mvt_sql(
    *, layer: str, z: int, x: int, y: int, filters: ArrangementFilter | None = None
) -> tuple[str, list]:
    """The SQL and parameters of one tile (see :func:`tile_mvt`)."""
    if not tile_in_range(z=z, x=x, y=y):
        raise TileOutOfRangeError(f"no tile {z}/{x}/{y}")
    return box_mvt_sql(layer=layer, box=webmercator_box(z=z, x=x, y=y), filters=filters)


def box_mvt_sql(
    *, layer: str, box: TileBox, filters: ArrangementFilter | None = None
) -> tuple[str, list]:
    """The SQL and parameters of the tile at ``box`` (any tile matrix set)."""
    if layer not in _ATTRIBUTES:
        raise ValueError(f"unknown tile layer {layer!r}")
    f = filters or ArrangementFilter()
    if layer == TileLayer.SAMENWERKINGSVERBAND and not is_today(f.day):
        features = _footprint_features(box=box, day=f.on)
    else:
        features = _features(layer=layer, box=box)
    features_sql, features_params = features.query.sql_with_params()
    attributes = _ATTRIBUTES[layer](f)
    attributes_sql, attributes_params = attributes.query.sql_with_params()
    sql = _SELECT + features_sql + _JOIN + attributes_sql + _WHERE
    params = [MVT_LAYER_NAMES[layer], MVT_EXTENT, *features_params, *attributes_params]
    return sql, params


def _run(sql: str, params: list) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] else b""


def tile_mvt(
    *, layer: str, z: int, x: int, y: int, filters: ArrangementFilter | None = None
) -> bytes:
    """The Mapbox Vector Tile z/x/y of ``layer`` (a :class:`TileLayer` value); empty bytes when
    no feature touches the tile. Arrangements are those passing ``filters`` (default: published
    and valid today); municipalities and provinces honour only ``filters.provinces``.
    Raises TileOutOfRangeError for a tile outside the tile matrix, ValueError for an unknown layer."""
    return _run(*tile_mvt_sql(layer=layer, z=z, x=x, y=y, filters=filters))


def rd_tile_mvt(
    *, layer: str, level: int, row: int, col: int, filters: ArrangementFilter | None = None
) -> bytes:
    """The Mapbox Vector Tile level/row/col of NetherlandsRDNewQuad (coordinates in RD New),
    cut from the same pre-simplified geometry as the Web Mercator tiles (see :func:`tile_mvt`)."""
    if not rd_tile_in_range(level=level, row=row, col=col):
        raise TileOutOfRangeError(f"no tile {level}/{row}/{col}")
    box = rd_box(level=level, row=row, col=col)
    return _run(*box_mvt_sql(layer=layer, box=box, filters=filters))


def presimplified_geojson(*, layer: str, srid: int, precision: int) -> Subquery:
    """GeoJSON text of the pre-simplified geometry (list band) of the outer row's object, in
    ``srid``: a subquery to annotate a queryset of ``layer``'s objects with. The lists'
    default (the API's CRS, list precision) is stored with the row (``list_geojson``)."""
    tiles = TileGeometry.objects.filter(layer=layer, band=LIST_BAND, object_id=OuterRef("pk"))
    if srid == settings.API_SRID and precision == LIST_PRECISION:
        return Subquery(tiles.values("list_geojson")[:1])
    return Subquery(
        tiles.annotate(g=AsGeoJSON(Transform("geom", srid), precision=precision)).values("g")[:1]
    )
