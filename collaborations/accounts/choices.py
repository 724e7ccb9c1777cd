"""The roles of accounts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorRole(models.TextChoices):
    MUNICIPAL_EDITOR = "gemeente-redacteur", _("Redacteur van een gemeente")
    SECRETARIAT_EDITOR = "secretariaat-redacteur", _("Redacteur van een regionaal secretariaat")
    MODERATOR = "moderator", _("Moderator (ministerie)")
    ADMINISTRATOR = "beheerder", _("Beheerder")
