"""A saved map: the atlas's state (its permalink query string) under a name, owned by a user,
private unless shared through an unguessable link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collaborations.maps.choices import MAX_NAME_LENGTH, MAX_STATE_LENGTH


class SavedMap(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.CASCADE,
        related_name="saved_maps",
    )
    name = models.CharField(_("naam"), max_length=MAX_NAME_LENGTH)
    state = models.CharField(
        _("toestand"),
        max_length=MAX_STATE_LENGTH,
        blank=True,
        help_text=_("De querystring van de permalink van de atlas."),
    )
    share_key = models.CharField(
        _("deelsleutel"), max_length=43, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["owner", "name"]
        verbose_name = _("opgeslagen kaart")
        verbose_name_plural = _("opgeslagen kaarten")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_map_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="saved_map_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name
