"""Vector tiles (Mapbox Vector Tile 2.1) cut by PostGIS from the pre-simplified tile geometry.

One statement per tile: the features of the zoom band that overlap the tile envelope
(``TileGeometry``, GiST index; for arrangements on a peildatum other than today, their footprint
versions of that day simplified on the fly), joined to the attributes of their objects (for arrangements:
the arrangements that pass the shared filters), encoded by ``ST_AsMVT``. Both halves are built
by the ORM; only the join and the ``ST_AsMVT`` call around them are written by hand."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db import connection
from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import NullIf

from collaborations.arrangements.models import ArrangementFootprint
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.footprints import is_today
from collaborations.arrangements.selectors.lists import arrangement_kind
from collaborations.core.functions import (
    TILE_SRID,
    AsMVTGeom,
    Multi,
    SimplifyPreserveTopology,
    TileEnvelope,
)
from collaborations.geography.models import Municipality, Province
from collaborations.tiles.choices import MAX_ZOOM, TileLayer, zoom_band
from collaborations.tiles.models import TileGeometry

SRID = settings.REGIOATLAS_SRID
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


def _features(*, layer: str, z: int, x: int, y: int) -> QuerySet:
    envelope = TileEnvelope(Value(z), Value(x), Value(y))
    geometry = AsMVTGeom(F("geom"), envelope, Value(MVT_EXTENT), Value(MVT_BUFFER), Value(True))
    return (
        TileGeometry.objects.filter(layer=layer, band=zoom_band(z).band, geom__bboverlaps=envelope)
        .order_by()
        .values(fid=F("object_id"), mvt=geometry)
    )


#: Metres of Web Mercator per degree of longitude at the equator: a band's tolerance (Web
#: Mercator metres) in degrees, for footprints simplified on the fly (a little finer than the
#: band, as the Mercator scale at 51-53 N is 1.6).
MERCATOR_METRES_PER_DEGREE = 111_319.49


def _footprint_features(*, z: int, x: int, y: int, day) -> QuerySet:
    """The footprints of a peildatum other than today, simplified for the zoom band on the fly
    (``ArrangementFootprint``: one GiST lookup on (period, geom) per tile)."""
    envelope = TileEnvelope(Value(z), Value(x), Value(y))
    tolerance = zoom_band(z).tolerance / MERCATOR_METRES_PER_DEGREE
    simplified = Multi(SimplifyPreserveTopology(F("geom"), Value(tolerance)))
    geometry = AsMVTGeom(
        Transform(simplified, TILE_SRID),
        envelope,
        Value(MVT_EXTENT),
        Value(MVT_BUFFER),
        Value(True),
    )
    return (
        ArrangementFootprint.objects.filter(
            period__contains=day, geom__bboverlaps=Transform(envelope, SRID)
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
    if layer not in _ATTRIBUTES:
        raise ValueError(f"unknown tile layer {layer!r}")
    if not tile_in_range(z=z, x=x, y=y):
        raise TileOutOfRangeError(f"no tile {z}/{x}/{y}")
    f = filters or ArrangementFilter()
    if layer == TileLayer.SAMENWERKINGSVERBAND and not is_today(f.day):
        features = _footprint_features(z=z, x=x, y=y, day=f.on)
    else:
        features = _features(layer=layer, z=z, x=x, y=y)
    features_sql, features_params = features.query.sql_with_params()
    attributes = _ATTRIBUTES[layer](f)
    attributes_sql, attributes_params = attributes.query.sql_with_params()
    sql = _SELECT + features_sql + _JOIN + attributes_sql + _WHERE
    params = [MVT_LAYER_NAMES[layer], MVT_EXTENT, *features_params, *attributes_params]
    return sql, params


def tile_mvt(
    *, layer: str, z: int, x: int, y: int, filters: ArrangementFilter | None = None
) -> bytes:
    """The Mapbox Vector Tile z/x/y of ``layer`` (a :class:`TileLayer` value); empty bytes when
    no feature touches the tile. Arrangements are those passing ``filters`` (default: published
    and valid today); municipalities and provinces honour only ``filters.provinces``.
    Raises TileOutOfRangeError for a tile outside the tile matrix, ValueError for an unknown layer."""
    sql, params = tile_mvt_sql(layer=layer, z=z, x=x, y=y, filters=filters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] else b""


#: Lists use the tile geometry of this zoom band as their simplified geometry: simplified ahead
#: of time with a topology-preserving coverage simplification (neighbours keep shared
#: borders), about 1 km tolerance: a national overview.
LIST_BAND = 2


def presimplified_geojson(*, layer: str, srid: int, precision: int) -> Subquery:
    """GeoJSON text of the pre-simplified geometry (list band) of the outer row's object, in
    ``srid``: a subquery to annotate a queryset of ``layer``'s objects with."""
    tiles = TileGeometry.objects.filter(layer=layer, band=LIST_BAND, object_id=OuterRef("pk"))
    return Subquery(
        tiles.annotate(g=AsGeoJSON(Transform("geom", srid), precision=precision)).values("g")[:1]
    )
