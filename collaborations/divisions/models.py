"""Official divisions (indelingen): families of regions that together tile (part of) the country."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from collaborations.arrangements.models import DataSource
from collaborations.core.choices import DivisionKind, Domain


class Division(models.Model):
    """An official division (indeling): a family of arrangements that together tile (part of)
    the country, such as the 25 veiligheidsregio's."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    kind = models.CharField(
        _("soort indeling"),
        max_length=20,
        choices=DivisionKind.choices,
        default=DivisionKind.SAMENWERKING,
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    source = models.ForeignKey(
        DataSource, verbose_name=_("bron"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.TextField(_("omschrijving"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("vervangen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
    )

    class Meta:
        ordering = ["domain", "name", "-year"]
        verbose_name = _("indeling")
        verbose_name_plural = _("indelingen")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"
