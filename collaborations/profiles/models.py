"""The stored default profile of a municipality."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collaborations.geography.models import Municipality


class MunicipalityDocument(models.Model):
    """The parts of a municipality's API detail that are worked out from the data (its
    arrangements per theme and legal form, partners, official regions, succession, region
    history and BRE) for the default request: peildatum ``day`` (today when it was built), no
    filters. ``document`` is their JSON text with the keys in the API's order (so it is text,
    not jsonb, which would sort the keys).

    A row is built on the first read of its (municipality, data ``version``, ``day``) and only
    ever read under that key, so a row of an earlier data version or day is never served.
    Besides, statement triggers on every table the profile reads delete all rows in the
    writer's transaction (migration 0018), so even a write that does not bump the data version
    (a raw bulk write, a clustering run made the default) leaves nothing stale behind."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gemeente"),
        db_index=False,  # the key's index starts with it
    )
    version = models.PositiveBigIntegerField(_("dataversie"))
    day = models.DateField(_("peildatum"))
    document = models.TextField(_("document"))
    built_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("gemeenteprofiel")
        verbose_name_plural = _("gemeenteprofielen")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version", "day"], name="municipality_document_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} v{self.version} {self.day}"
