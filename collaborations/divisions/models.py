"""Official divisions (indelingen): families of regions that together tile (part of) a country,
and the versions in which they were published (docs/adr/0007-divisions-through-time.md)."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from collaborations.arrangements.models import DataSource
from collaborations.core.choices import Country, DivisionKind, Domain


class Division(models.Model):
    """An official division (indeling) as a family through time, such as the veiligheidsregio's:
    its regions are arrangements (``Arrangement.division``) that continue from one version to the
    next; their memberships change on the date of a new version."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    kind = models.CharField(
        _("soort indeling"),
        max_length=20,
        choices=DivisionKind.choices,
        default=DivisionKind.SAMENWERKING,
    )
    country = models.CharField(
        _("land"), max_length=2, choices=Country.choices, default=Country.NL, db_index=True
    )
    #: The source of the latest version (each version names its own).
    source = models.ForeignKey(
        DataSource, verbose_name=_("bron"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["domain", "name"]
        verbose_name = _("indeling")
        verbose_name_plural = _("indelingen")

    def __str__(self) -> str:
        return self.name


class DivisionVersion(models.Model):
    """One published version of a division, in force from ``valid_from`` until the next
    version's date. ``report`` records what loading it did: regions continued, new and ended,
    and the municipalities that moved (see divisions.services.versions)."""

    division = models.ForeignKey(
        Division, verbose_name=_("indeling"), on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(_("geldig vanaf"))
    label = models.CharField(_("versie"), max_length=40)
    source = models.ForeignKey(
        DataSource, verbose_name=_("bron"), on_delete=models.PROTECT, null=True, blank=True
    )
    report = models.JSONField(_("verslag"), default=dict, blank=True)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now=True)

    class Meta:
        ordering = ["division", "valid_from"]
        verbose_name = _("versie van een indeling")
        verbose_name_plural = _("versies van indelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["division", "valid_from"], name="divisionversion_unique_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.division_id} {self.label} ({self.valid_from})"
