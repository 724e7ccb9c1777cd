"""Geometry prepared for vector tiles: simplified ahead of time, per zoom band, in Web Mercator.

See docs/adr/0003-vector-tiles-presimplified.md. Rows are written by
``services.tile_geometry_rebuild`` and read by ``selectors.tile_mvt``."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from collaborations.core.functions import TILE_SRID
from collaborations.tiles.choices import TileLayer


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
