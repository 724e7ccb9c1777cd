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


class ApiToken(models.Model):
    """An API token of an account (``Authorization: Token <key>``). Only the SHA-256 digest of
    the key is stored: the key is shown once, when it is made. A token works until it expires
    or is revoked; its last use is recorded (at most once a minute)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("naam"), max_length=100)
    digest = models.CharField(_("SHA-256 van de sleutel"), max_length=64, unique=True)
    prefix = models.CharField(
        _("begin van de sleutel"),
        max_length=12,
        help_text=_("Om het token te herkennen; niet genoeg om het te gebruiken."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"))
    expires_at = models.DateTimeField(_("verloopt op"))
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=("user", "revoked_at"), name="apitoken_user_active")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
