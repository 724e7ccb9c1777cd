"""Tile geometry: coverage simplification per zoom band, province and arrangement unions.

Fixed geometries near Utrecht: a block of 3 x 2 municipalities on the grid of
tests/factories.square (lon 5.00-5.15, lat 52.00-52.10), but with zigzag borders (every edge
has 19 intermediate vertices, alternately ~0.003 degrees left and right of the grid line, on
the line next to the corners), so that there is something to simplify. Neighbours share exactly the same border vertices.
Province PV26 holds columns 0-1, PV27 column 2. "Oud" (GM9999) merged into the municipality
at (2, 1) in 2019."""

import datetime

import numpy as np
import pytest
import shapely
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.core.management import call_command

from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.core.models import DataVersion
from collaborations.geography.selectors.validity import boundaries_on
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.tiles.choices import MAX_ZOOM, ZOOM_BANDS, TileLayer, zoom_band
from collaborations.tiles.models import TileGeometry
from collaborations.tiles.services import (
    municipal_coverage,
    simplified_bands,
    tile_geometry_rebuild,
)
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    ReorganisationFactory,
    square,
)

pytestmark = pytest.mark.django_db

COLUMNS, ROWS = 3, 2
CELL = 0.05
STEPS = 20  # segments per cell edge
FULL = ZOOM_BANDS[-1].band  # the unsimplified band
AMPLITUDE = 0.003  # degrees, about 200 m east-west and 330 m north-south


def _offset(k: int) -> float:
    """Offset of the k-th intermediate vertex: zigzag, but none next to the corners."""
    return 0.0 if k in (1, STEPS - 1) else AMPLITUDE * (-1) ** k


def _node(i: int, j: int) -> tuple[float, float]:
    return (round(5.0 + CELL * i, 6), round(52.0 + CELL * j, 6))


def _vertical(i: int, j: int) -> list[tuple[float, float]]:
    """Zigzag edge from node (i, j) north to node (i, j + 1)."""
    x, y = _node(i, j)
    inner = [(x + _offset(k), y + CELL * k / STEPS) for k in range(1, STEPS)]
    return [(x, y), *inner, _node(i, j + 1)]


def _horizontal(i: int, j: int) -> list[tuple[float, float]]:
    """Zigzag edge from node (i, j) east to node (i + 1, j)."""
    x, y = _node(i, j)
    inner = [(x + CELL * k / STEPS, y + _offset(k)) for k in range(1, STEPS)]
    return [(x, y), *inner, _node(i + 1, j)]


def zigzag_cell(i: int, j: int) -> MultiPolygon:
    ring = (
        _horizontal(i, j)
        + _vertical(i + 1, j)[1:]
        + _horizontal(i, j + 1)[::-1][1:]
        + _vertical(i, j)[::-1][1:]
    )
    return MultiPolygon(Polygon(ring), srid=4326)


@pytest.fixture
def grid():
    utrecht = ProvinceFactory(code="PV26", name="Utrecht")
    holland = ProvinceFactory(code="PV27", name="Noord-Holland")
    cells = {}
    for i in range(COLUMNS):
        for j in range(ROWS):
            municipality = MunicipalityFactory(
                code=f"GM9{i}{j}0",
                name=f"Zigzag {i}-{j}",
                province=utrecht if i < 2 else holland,
                geom=zigzag_cell(i, j),
            )
            MunicipalityBoundaryFactory(municipality=municipality, year=2024)
            cells[i, j] = municipality
    shapes = shapely.from_wkb([bytes(c.geom.wkb) for c in cells.values()])
    assert shapely.is_valid(shapes).all() and shapely.coverage_is_valid(shapes)
    old = MunicipalityFactory(
        code="GM9999", name="Oud", valid_to=datetime.date(2019, 1, 1), geom=square(2, 1)
    )
    ReorganisationFactory(predecessor=old, successor=cells[2, 1], date=datetime.date(2019, 1, 1))
    lineage_rebuild()
    return {"cells": cells, "old": old, "provinces": (utrecht, holland)}


@pytest.fixture
def arrangements(grid):
    cells = grid["cells"]
    west = ArrangementFactory(name="West")
    for key in [(0, 0), (0, 1), (1, 0)]:
        MembershipFactory(arrangement=west, municipality=cells[key])
    east = ArrangementFactory(name="Oost")
    MembershipFactory(arrangement=east, municipality=cells[2, 0])
    MembershipFactory(arrangement=east, municipality=grid["old"])  # represented by (2, 1)
    return {"west": west, "east": east}


def _shape(geometry: GEOSGeometry) -> shapely.Geometry:
    return shapely.from_wkb(bytes(geometry.wkb))


def _shapes(layer: str, band: int) -> dict[int, shapely.Geometry]:
    rows = TileGeometry.objects.filter(layer=layer, band=band).values_list("object_id", "geom")
    return {pk: _shape(geom) for pk, geom in rows}


def test_zoom_bands_cover_every_zoom_once():
    bands = [zoom_band(z) for z in range(MAX_ZOOM + 1)]
    assert all(b.min_zoom <= z <= b.max_zoom for z, b in enumerate(bands))
    assert zoom_band(0).band == 0 and zoom_band(MAX_ZOOM).band == FULL
    assert sorted(b.band for b in ZOOM_BANDS) == list(range(len(ZOOM_BANDS)))
    tolerances = [b.tolerance for b in ZOOM_BANDS]
    assert tolerances == sorted(tolerances, reverse=True) and tolerances[-1] == 0
    with pytest.raises(ValueError):
        zoom_band(MAX_ZOOM + 1)


def test_municipal_coverage_is_a_valid_coverage_in_web_mercator(grid):
    coverage = municipal_coverage()
    assert len(coverage.municipality_ids) == COLUMNS * ROWS  # "Oud" no longer exists
    assert shapely.coverage_is_valid(coverage.geometries)
    xmin, ymin, _, _ = shapely.total_bounds(coverage.geometries)
    assert 556_000 < xmin < 557_000 and 6_790_000 < ymin < 6_810_000  # lon 5.0, lat 52.0


def test_coverage_simplify_keeps_shared_borders(grid):
    coverage = municipal_coverage().geometries
    area = shapely.area(coverage).sum()
    vertices = []
    for band, geometries in sorted(simplified_bands(coverage).items()):
        assert shapely.coverage_is_valid(geometries), f"band {band}: gaps or overlaps"
        assert shapely.is_valid(geometries).all()
        union = shapely.coverage_union_all(geometries)
        assert union.geom_type == "Polygon" and len(union.interiors) == 0  # no gaps inside
        assert shapely.area(geometries).sum() == pytest.approx(area, rel=0.02)
        vertices.append(int(shapely.get_num_coordinates(geometries).sum()))
    assert vertices == sorted(vertices)  # coarser bands have fewer vertices
    assert vertices[0] < vertices[-1] / 4


def test_rebuild_writes_every_layer_and_band(grid, arrangements):
    before = DataVersion.objects.filter(key="data").values_list("version", flat=True).first()
    written = tile_geometry_rebuild()
    bands = len(ZOOM_BANDS)
    assert written == (COLUMNS * ROWS + 2 + 2) * bands
    assert TileGeometry.objects.filter(layer=TileLayer.GEMEENTE).count() == COLUMNS * ROWS * bands
    assert TileGeometry.objects.filter(layer=TileLayer.PROVINCIE).count() == 2 * bands
    assert DataVersion.objects.get(key="data").version == (before or 0) + 1
    for band in range(bands):
        municipalities = _shapes(TileLayer.GEMEENTE, band)
        assert shapely.coverage_is_valid(np.array(list(municipalities.values())))


def test_provinces_and_arrangements_are_unions_of_simplified_municipalities(grid, arrangements):
    tile_geometry_rebuild()
    cells = grid["cells"]
    utrecht, holland = grid["provinces"]
    expected = {
        (TileLayer.PROVINCIE, utrecht.pk): [cells[i, j].pk for i in (0, 1) for j in (0, 1)],
        (TileLayer.PROVINCIE, holland.pk): [cells[2, 0].pk, cells[2, 1].pk],
        (TileLayer.SAMENWERKINGSVERBAND, arrangements["west"].pk): [
            cells[0, 0].pk,
            cells[0, 1].pk,
            cells[1, 0].pk,
        ],
        (TileLayer.SAMENWERKINGSVERBAND, arrangements["east"].pk): [
            cells[2, 0].pk,
            cells[2, 1].pk,
        ],
    }
    for band in range(len(ZOOM_BANDS)):
        municipalities = _shapes(TileLayer.GEMEENTE, band)
        for (layer, pk), members in expected.items():
            union = shapely.coverage_union_all([municipalities[m] for m in members])
            stored = _shapes(layer, band)[pk]
            assert shapely.symmetric_difference(stored, union).area < 1, (layer, pk, band)


def test_unsimplified_band_matches_the_footprint(grid, arrangements):
    arrangement_footprints_recompute()
    tile_geometry_rebuild()
    west = arrangements["west"]
    west.refresh_from_db()
    footprint = west.footprint.transform(3857, clone=True)
    stored = TileGeometry.objects.get(
        layer=TileLayer.SAMENWERKINGSVERBAND, object_id=west.pk, band=FULL
    )
    # Equal up to the 1 cm grid the tile coverage is snapped to.
    assert shapely.hausdorff_distance(_shape(stored.geom), _shape(footprint)) < 0.01


def test_rebuild_of_some_arrangements_leaves_the_rest(grid, arrangements):
    tile_geometry_rebuild()
    west, east = arrangements["west"], arrangements["east"]
    untouched = set(
        TileGeometry.objects.exclude(
            object_id=west.pk, layer=TileLayer.SAMENWERKINGSVERBAND
        ).values_list("pk", flat=True)
    )
    MembershipFactory(arrangement=west, municipality=grid["cells"][1, 1])

    written = tile_geometry_rebuild(arrangement_ids=[west.pk])

    assert written == len(ZOOM_BANDS)
    assert untouched <= set(TileGeometry.objects.values_list("pk", flat=True))
    band3 = TileGeometry.objects.get(
        layer=TileLayer.SAMENWERKINGSVERBAND, object_id=west.pk, band=FULL
    )
    expected = MultiPolygon(Polygon.from_bbox((5.0, 52.0, 5.1, 52.1)), srid=4326)
    expected.transform(3857)
    # The zigzag outer border deviates from the bounding square by at most AMPLITUDE.
    assert abs(band3.geom.area - expected.area) / expected.area < 0.05
    east_rows = TileGeometry.objects.filter(object_id=east.pk, layer="samenwerkingsverband")
    assert east_rows.count() == len(ZOOM_BANDS)


def test_arrangement_without_municipal_members_has_no_tile_geometry(grid):
    lonely = ArrangementFactory(name="Zonder gemeenten")
    tile_geometry_rebuild()
    assert not TileGeometry.objects.filter(object_id=lonely.pk, layer="samenwerkingsverband")


def test_build_tiles_command_reports_counts(grid, arrangements, capsys):
    call_command("build_tiles")
    out = capsys.readouterr().out
    assert "gemeente" in out and f"band {FULL}: 6" in out
    assert f"{(COLUMNS * ROWS + 4) * len(ZOOM_BANDS)} tegelgeometrieën" in out


def test_coverage_coordinates_are_web_mercator(grid):
    """The coverage is the boundary transformed to EPSG:3857 (up to the 1 cm snapping)."""
    municipality = grid["cells"][0, 0]
    expected = GEOSGeometry(municipality.geom.wkt, srid=4326).transform(3857, clone=True)
    coverage = municipal_coverage()
    mine = coverage.geometries[coverage.position()[municipality.pk]]
    assert shapely.hausdorff_distance(mine, _shape(expected)) < 0.01
    assert boundaries_on().count() == COLUMNS * ROWS


def test_list_band_keeps_the_lists_geojson(grid, arrangements):
    """``list_geojson`` (a generated column): the list band's geometry as the lists send it by
    default, the same text PostGIS makes per request; other bands have none; a rebuild
    renews it."""
    from django.contrib.gis.db.models.functions import AsGeoJSON, Transform

    from collaborations.tiles.models import LIST_BAND, LIST_PRECISION

    tile_geometry_rebuild()
    rows = TileGeometry.objects.annotate(
        made=AsGeoJSON(Transform("geom", 4326), precision=LIST_PRECISION)
    ).values_list("band", "list_geojson", "made")
    assert {band for band, _stored, _made in rows} > {LIST_BAND}
    for band, stored, made in rows:
        assert stored == (made if band == LIST_BAND else None)
    tile_geometry_rebuild(arrangement_ids=[arrangements["west"].pk])
    assert not TileGeometry.objects.filter(band=LIST_BAND, list_geojson__isnull=True).exists()
