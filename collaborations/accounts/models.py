"""The role of an account (collaborations/permissions.py decides what a role may do)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collaborations.accounts.choices import EditorRole
from collaborations.arrangements.models import Arrangement
from collaborations.geography.models import Municipality


class UserRole(models.Model):
    """The role of an account in the atlas, and what it is bound to: municipal editors to
    municipalities, secretariat editors to arrangements. Superusers are administrators."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="regioatlas_role",
    )
    role = models.CharField(_("rol"), max_length=30, choices=EditorRole.choices)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("gemeenten"),
        blank=True,
        related_name="editor_roles",
        help_text=_("Voor redacteuren van een gemeente."),
    )
    arrangements = models.ManyToManyField(
        Arrangement,
        verbose_name=_("samenwerkingsverbanden"),
        blank=True,
        related_name="editor_roles",
        help_text=_("Voor redacteuren van een regionaal secretariaat."),
    )
    organisation_label = models.CharField(
        _("organisatie"),
        max_length=200,
        blank=True,
        help_text=_(
            "Getoond in de geschiedenis, bijv. 'Gemeente Utrecht' of 'Ministerie van BZK'."
        ),
    )

    class Meta:
        verbose_name = _("rol in de atlas")
        verbose_name_plural = _("rollen in de atlas")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_role_display()}"
