"""Municipalities, provinces, boundary versions and reorganisations (herindelingen)."""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from collaborations.core.choices import Country, ReorganisationKind

SRID = settings.REGIOATLAS_SRID


class Province(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True, help_text="PV20..PV31")
    name = models.CharField(_("naam"), max_length=100)
    geom = models.MultiPolygonField(_("grens"), srid=SRID, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^PV[0-9]{2}$"), name="province_code_format"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality (gemeente) identified by its code, valid from ``valid_from``
    (inclusive) until ``valid_to`` (exclusive). ``geom`` is its most recent known boundary;
    the boundary on a given date is in :class:`MunicipalityBoundary`."""

    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text="GM + 4 cijfers (CBS), BE + 5 (NIS)"
    )
    country = models.CharField(
        _("land"), max_length=2, choices=Country.choices, default=Country.NL, db_index=True
    )
    name = models.CharField(_("naam"), max_length=100, db_index=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("provincie"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)
    geom = models.MultiPolygonField(_("grens"), srid=SRID, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.CheckConstraint(
                condition=(Q(country="nl") & Q(code__regex=r"^GM[0-9]{4}$"))
                | (Q(country="be") & Q(code__regex=r"^BE[0-9]{5}$")),
                name="municipality_code_format",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gt=F("valid_from")),
                name="municipality_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class MunicipalityBoundary(models.Model):
    """One version of a municipality's boundary, from a CBS layer of ``year``, in force from
    ``valid_from`` (inclusive) to ``valid_to`` (exclusive, open when null)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="boundaries"
    )
    year = models.PositiveSmallIntegerField(_("jaar van de kaartlaag"))
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)
    geom = models.MultiPolygonField(_("grens"), srid=SRID)
    #: ``geom`` made part of a clean coverage of its layer (shared edges noded identically),
    #: so that unions can use a coverage union; computed by services.boundaries_clean_coverage.
    geom_coverage = models.MultiPolygonField(srid=SRID, null=True, blank=True, editable=False)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        ordering = ["municipality", "year"]
        verbose_name = _("gemeentegrens")
        verbose_name_plural = _("gemeentegrenzen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="boundary_unique_year"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gt=F("valid_from")),
                name="boundary_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}"


class Reorganisation(models.Model):
    """One (predecessor -> successor) step of a herindeling on ``date``. A split has one row per
    receiving municipality, with its ``area_share``; ``is_main_successor`` marks the BRP successor."""

    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=ReorganisationKind.choices)
    predecessor = models.ForeignKey(
        Municipality,
        verbose_name=_("voorganger"),
        on_delete=models.CASCADE,
        related_name="reorganisations_out",
    )
    successor = models.ForeignKey(
        Municipality,
        verbose_name=_("opvolger"),
        on_delete=models.CASCADE,
        related_name="reorganisations_in",
    )
    is_main_successor = models.BooleanField(_("hoofdopvolger"), default=True)
    area_share = models.DecimalField(
        _("oppervlakteaandeel"), max_digits=5, decimal_places=3, null=True, blank=True
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "predecessor__code"]
        verbose_name = _("herindeling")
        verbose_name_plural = _("herindelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "date"], name="reorganisation_unique"
            ),
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=Q(is_main_successor=True),
                name="reorganisation_one_main_successor",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="reorganisation_not_self"
            ),
            models.CheckConstraint(
                condition=Q(area_share__isnull=True) | (Q(area_share__gt=0) & Q(area_share__lte=1)),
                name="reorganisation_share_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.predecessor_id} -> {self.successor_id}"


class MunicipalityLineage(models.Model):
    """Transitive closure of :class:`Reorganisation` (plus one row per municipality to itself).

    ``descendant`` took over (part of) ``ancestor``'s territory on ``since`` (the last step's
    date; null for the self row). ``share`` is the share of the ancestor's area now in the
    descendant. On a date D, the municipalities that represent ancestor A are the descendants
    valid on D with ``since`` <= D. Rebuilt by ``services.lineage_rebuild``."""

    ancestor = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="lineage_descendants"
    )
    descendant = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="lineage_ancestors"
    )
    since = models.DateField(null=True, blank=True)
    share = models.DecimalField(max_digits=5, decimal_places=3, default=1)
    is_main = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("opvolging van gemeenten")
        verbose_name_plural = _("opvolging van gemeenten")
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="lineage_unique"),
        ]
        indexes = [models.Index(fields=["descendant"])]
