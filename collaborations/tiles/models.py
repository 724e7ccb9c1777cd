"""Geometry prepared for vector tiles: simplified ahead of time, per zoom band, in Web Mercator.

See docs/adr/0003-vector-tiles-presimplified.md. Rows are written by
``services.tile_geometry_rebuild`` and read by ``selectors.tile_mvt``."""

from dataclasses import dataclass

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from collaborations.core.functions import TILE_SRID

#: Web Mercator, the SRID of tile geometry (ST_TileEnvelope's default).
MAX_ZOOM = 20


class TileLayer(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    PROVINCIE = "provincie", _("Provincie")
    SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Samenwerkingsverband")


@dataclass(frozen=True)
class ZoomBand:
    """Tiles of zoom ``min_zoom``..``max_zoom`` are cut from geometry simplified with
    ``tolerance`` (Web Mercator metres; 0 = the clean coverage itself)."""

    band: int
    min_zoom: int
    max_zoom: int
    tolerance: float


#: The zoom bands. Tolerances are just under one pixel of a 256 px tile (Leaflet) at the band's
#: highest zoom: a pixel is ~4,900 m (Web Mercator) at zoom 5, ~2,450 m at 6, halving per zoom
#: to ~150 m at 10. Up to zoom 10 every zoom has its own band: the cost of ST_AsMVTGeom grows
#: with the vertices it gets, so a tile should not get more detail than it can show. From zoom
#: 11 on, tiles use the clean coverage itself (CBS's generalised layer is detailed enough).
ZOOM_BANDS: tuple[ZoomBand, ...] = (
    ZoomBand(band=0, min_zoom=0, max_zoom=5, tolerance=4000.0),
    ZoomBand(band=1, min_zoom=6, max_zoom=6, tolerance=2000.0),
    ZoomBand(band=2, min_zoom=7, max_zoom=7, tolerance=1000.0),
    ZoomBand(band=3, min_zoom=8, max_zoom=8, tolerance=500.0),
    ZoomBand(band=4, min_zoom=9, max_zoom=9, tolerance=250.0),
    ZoomBand(band=5, min_zoom=10, max_zoom=10, tolerance=120.0),
    ZoomBand(band=6, min_zoom=11, max_zoom=MAX_ZOOM, tolerance=0.0),
)


def zoom_band(z: int) -> ZoomBand:
    """The band that serves zoom level ``z`` (0..MAX_ZOOM)."""
    for band in ZOOM_BANDS:
        if band.min_zoom <= z <= band.max_zoom:
            return band
    raise ValueError(f"zoom {z} outside 0..{MAX_ZOOM}")


class TileGeometry(models.Model):
    """The geometry of one municipality, province or arrangement (``object_id`` is its primary
    key) in one zoom band, simplified so that neighbours keep sharing their borders."""

    layer = models.CharField(_("laag"), max_length=24, choices=TileLayer.choices)
    object_id = models.BigIntegerField(_("object"))
    band = models.PositiveSmallIntegerField(_("zoomband"))
    geom = models.MultiPolygonField(_("geometrie"), srid=TILE_SRID)  # GiST index (default)

    class Meta:
        verbose_name = _("tegelgeometrie")
        verbose_name_plural = _("tegelgeometrieën")
        constraints = [
            models.UniqueConstraint(
                fields=["layer", "object_id", "band"], name="tilegeometry_unique"
            ),
        ]
        indexes = [models.Index(fields=["layer", "band"], name="tilegeometry_layer_band")]

    def __str__(self) -> str:
        return f"{self.layer}:{self.object_id} band {self.band}"
