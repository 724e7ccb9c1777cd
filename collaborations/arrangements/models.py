"""Regional arrangements (samenwerkingsverbanden), their members, themes and divisions."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import DateRangeField
from django.contrib.postgres.indexes import GistIndex
from django.core.validators import RegexValidator
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from collaborations.core.choices import (
    LEGAL_FORMS_BY_FAMILY,
    Domain,
    LegalForm,
    LegalFormFamily,
    OrganisationKind,
    PublicationStatus,
    Role,
    Stage,
)
from collaborations.geography.models import Municipality, Province

SRID = settings.REGIOATLAS_SRID


class DataSource(models.Model):
    """Where data came from: a published file, a registration form, an import upload."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    publisher = models.CharField(_("uitgever"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    licence = models.CharField(_("licentie"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("geladen op"), null=True, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    name_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["domain", "name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A member that is neither a municipality nor a province: water board, the Rijk, a
    non-government partner, or another public body."""

    name = models.CharField(_("naam"), max_length=255)
    kind = models.CharField(_("soort"), max_length=40, choices=OrganisationKind.choices)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer heeft 8 cijfers."))],
    )
    website = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name


def _legal_form_constraint() -> Q:
    condition = Q(legal_form="")
    for family, forms in LEGAL_FORMS_BY_FAMILY.items():
        condition |= Q(legal_form_family=family, legal_form__in=list(forms))
    return condition


class Arrangement(models.Model):
    """A regional arrangement (samenwerkingsverband). Regions of an official division are
    arrangements too (``division`` set)."""

    name = models.CharField(_("naam"), max_length=255)
    short_name = models.CharField(_("korte naam"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    legal_form_family = models.CharField(
        _("rechtsvormfamilie"), max_length=20, choices=LegalFormFamily.choices
    )
    legal_form = models.CharField(
        _("rechtsvorm"),
        max_length=40,
        choices=LegalForm.choices,
        blank=True,
        help_text=_("Leeg als de specifieke rechtsvorm niet bekend is."),
    )
    is_mandatory = models.BooleanField(
        _("verplicht"), null=True, blank=True, help_text=_("Leeg: niet bekend.")
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), related_name="arrangements")
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    cbs_gr_code = models.CharField(
        _("CBS GR-code"),
        max_length=6,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^GR[0-9]{4}$", _("Een CBS GR-code is GR + 4 cijfers."))],
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer heeft 8 cijfers."))],
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    stage = models.CharField(_("levensfase"), max_length=20, choices=Stage.choices, blank=True)
    publication_status = models.CharField(
        _("publicatiestatus"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        db_index=True,
    )
    division = models.ForeignKey(
        "collaborations.Division",
        verbose_name=_("indeling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regions",
    )
    region_code = models.CharField(
        _("regiocode"),
        max_length=20,
        blank=True,
        help_text=_("Bijv. VR13 voor een veiligheidsregio."),
    )
    source = models.ForeignKey(
        DataSource,
        verbose_name=_("bron"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arrangements",
    )
    source_reference = models.CharField(
        _("verwijzing in de bron"), max_length=255, blank=True, db_index=True
    )
    provenance_note = models.TextField(_("herkomst"), blank=True)
    footprint = models.MultiPolygonField(_("gebied"), srid=SRID, null=True, blank=True)
    footprint_updated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="arrangement_valid_range",
            ),
            models.CheckConstraint(
                condition=_legal_form_constraint(), name="arrangement_form_in_family"
            ),
            models.CheckConstraint(
                condition=Q(cbs_gr_code__isnull=True) | Q(cbs_gr_code__regex=r"^GR[0-9]{4}$"),
                name="arrangement_cbs_gr_code_format",
            ),
            models.CheckConstraint(
                condition=Q(kvk_number="") | Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="arrangement_kvk_format",
            ),
            models.UniqueConstraint(
                fields=["division", "name"],
                condition=Q(division__isnull=False),
                name="arrangement_unique_region_name",
            ),
            models.UniqueConstraint(
                fields=["source", "source_reference"],
                condition=~Q(source_reference=""),
                name="arrangement_unique_source_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["legal_form_family", "legal_form"]),
            # lists page by name: an ordered index scan stops after one page
            models.Index(fields=["name", "id"], name="arrangement_name_id"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A member of an arrangement: exactly one of municipality, province or organisation.

    Historical members are kept as recorded (e.g. 2015 "Haaren"); today's view follows
    :class:`MunicipalityLineage`."""

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    valid_from = models.DateField(_("lid vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("lid tot"), null=True, blank=True)
    name_as_recorded = models.CharField(_("naam in de bron"), max_length=255, blank=True)
    source = models.ForeignKey(DataSource, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["arrangement", "id"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, province__isnull=True, organisation__isnull=True)
                    | Q(
                        municipality__isnull=True, province__isnull=False, organisation__isnull=True
                    )
                    | Q(
                        municipality__isnull=True, province__isnull=True, organisation__isnull=False
                    )
                ),
                name="membership_exactly_one_member",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gt=F("valid_from")),
                name="membership_valid_range",
            ),
            models.UniqueConstraint(
                fields=["arrangement", "municipality", "valid_from"],
                condition=Q(municipality__isnull=False),
                nulls_distinct=False,
                name="membership_unique_municipality",
            ),
            models.UniqueConstraint(
                fields=["arrangement", "province", "valid_from"],
                condition=Q(province__isnull=False),
                nulls_distinct=False,
                name="membership_unique_province",
            ),
            models.UniqueConstraint(
                fields=["arrangement", "organisation", "valid_from"],
                condition=Q(organisation__isnull=False),
                nulls_distinct=False,
                name="membership_unique_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.arrangement_id}: {self.name_as_recorded or self.member_id_label}"

    @property
    def member_id_label(self) -> str:
        """The member's key without touching the database."""
        if self.municipality_id:
            return f"municipality:{self.municipality_id}"
        if self.province_id:
            return f"province:{self.province_id}"
        return f"organisation:{self.organisation_id}"


class MunicipalityMembership(models.Model):
    """Derived, never edited: the municipality that represents a municipal member of an
    arrangement (the member itself, or its successors after a herindeling: the lineage rule of
    docs/architecture.md) and the days ``valid`` on which it does, the intersection of the
    membership's, the lineage step's and the municipality's validity. A peildatum query is one
    lookup in the GiST index (municipality or arrangement, valid).

    Kept in step by the database in the same transaction as every write: statement triggers on
    memberships, the lineage and municipality validity call
    ``collaborations_memberships_in_force_refresh`` for the arrangements touched (migration
    0016); ``services.in_force.memberships_in_force_refresh`` runs it for all."""

    # DO_NOTHING: the triggers delete these rows with their membership (deferred constraints)
    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.DO_NOTHING, related_name="memberships_in_force"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.DO_NOTHING, related_name="memberships_in_force"
    )
    member = models.ForeignKey(
        Municipality, on_delete=models.DO_NOTHING, related_name="+", db_index=False
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.DO_NOTHING, related_name="+", db_index=False
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    #: the share of the member's area in the municipality (MunicipalityLineage.share)
    share = models.DecimalField(_("aandeel"), max_digits=5, decimal_places=3)
    valid = DateRangeField(_("geldig"))

    class Meta:
        verbose_name = _("lidmaatschap in werking")
        verbose_name_plural = _("lidmaatschappen in werking")
        indexes = [
            GistIndex(fields=["municipality", "valid"], name="in_force_municipality_valid"),
            GistIndex(fields=["arrangement", "valid"], name="in_force_arrangement_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.arrangement_id} -> {self.municipality_id} {self.valid}"


class ArrangementFootprint(models.Model):
    """The footprint of an arrangement in one period (``period``, a date range [from, to)) in
    which its members, their lineage and the boundary layer did not change. The periods of an
    arrangement do not overlap; a peildatum is one lookup in the GiST index (period, geom).
    Written by services.footprints together with ``Arrangement.footprint`` (today's)."""

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="footprint_versions"
    )
    period = DateRangeField(_("periode"))
    geom = models.MultiPolygonField(_("gebied"), srid=SRID)

    class Meta:
        verbose_name = _("gebied op een datum")
        verbose_name_plural = _("gebieden op een datum")
        indexes = [
            GistIndex(fields=["period", "geom"], name="footprint_period_geom"),
        ]

    def __str__(self) -> str:
        return f"{self.arrangement_id} {self.period}"


__all__ = [
    "Arrangement",
    "ArrangementFootprint",
    "DataSource",
    "Membership",
    "Municipality",
    "MunicipalityMembership",
    "Organisation",
    "Province",
    "Theme",
]
