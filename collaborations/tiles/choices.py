"""The layers and zoom bands of the vector tiles."""

from dataclasses import dataclass

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

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
