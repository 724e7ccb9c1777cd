"""Geometry prepared for vector tiles: simplified ahead of time, per zoom band, in Web Mercator.

See docs/adr/0003-vector-tiles-presimplified.md. Rows are written by
``services.tile_geometry_rebuild`` and read by ``selectors.tile_mvt``."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from collaborations.core.functions import PRECISION, TILE_SRID
from collaborations.tiles.choices import TileLayer

#: Lists use the tile geometry of this zoom band as their simplified geometry: simplified ahead
#: of time with a topology-preserving coverage simplification (neighbours keep shared
#: borders), about 1 km tolerance: a national overview.
LIST_BAND = 2
#: The decimals of a list's simplified GeoJSON in the API's own CRS.
LIST_PRECISION = PRECISION[settings.API_SRID][0]


class TileGeometry(models.Model):
    """The geometry of one municipality, province or arrangement (``object_id`` is its primary
    key) in one zoom band, simplified so that neighbours keep sharing their borders."""

    layer = models.CharField(_("laag"), max_length=24, choices=TileLayer.choices)
    object_id = models.BigIntegerField(_("object"))
    band = models.PositiveSmallIntegerField(_("zoomband"))
    geom = models.MultiPolygonField(_("geometrie"), srid=TILE_SRID)  # GiST index (default)
    #: The list band's geometry as the lists send it by default (GeoJSON in the API's CRS with
    #: the list precision), made by PostgreSQL whenever the row is written (issue 15: lists
    #: transformed and encoded it per row and request).
    list_geojson = models.GeneratedField(
        expression=Case(
            When(
                band=LIST_BAND,
                then=AsGeoJSON(Transform("geom", settings.API_SRID), precision=LIST_PRECISION),
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name=_("lijst-GeoJSON"),
    )

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
