"""Enumerations of registration: roles, submissions, revisions and import jobs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionKind(models.TextChoices):
    NEW = "nieuw", _("Nieuw samenwerkingsverband")
    CHANGE = "wijziging", _("Wijziging")


class SubmissionStatus(models.TextChoices):
    PENDING = "ingediend", _("Ingediend, wacht op beoordeling")
    CHANGES_REQUESTED = "aanpassing-gevraagd", _("Aanpassing gevraagd")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REJECTED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


OPEN_STATUSES = (SubmissionStatus.PENDING, SubmissionStatus.CHANGES_REQUESTED)


class RevisionKind(models.TextChoices):
    BASELINE = "uitgangssituatie", _("Stand vóór de eerste registratie")
    CREATED = "aangemaakt", _("Aangemaakt")
    EDITED = "gewijzigd", _("Gewijzigd")
    APPROVED = "goedgekeurd", _("Voorstel goedgekeurd")
    REVERTED = "teruggezet", _("Teruggezet")
    IMPORTED = "geimporteerd", _("Geïmporteerd")


class ImportKind(models.TextChoices):
    ARRANGEMENTS = "samenwerkingsverbanden", _("Samenwerkingsverbanden (sjabloon)")
    DIVISION = "indeling", _("Nieuwe indeling (gemeente → regio)")


class ImportStatus(models.TextChoices):
    UPLOADED = "geupload", _("Geüpload")
    VALIDATING = "controleren", _("Wordt gecontroleerd")
    VALID = "gecontroleerd", _("Gecontroleerd, klaar om door te voeren")
    INVALID = "fouten", _("Bevat fouten")
    COMMITTING = "doorvoeren", _("Wordt doorgevoerd")
    COMMITTED = "doorgevoerd", _("Doorgevoerd")
    FAILED = "mislukt", _("Mislukt; niets gewijzigd")


RUNNING_IMPORT_STATUSES = (ImportStatus.VALIDATING, ImportStatus.COMMITTING)
