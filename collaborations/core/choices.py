"""Enumerations of the domain (see docs/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    FYSIEK = "fysiek", _("Fysiek")
    SOCIAAL = "sociaal", _("Sociaal")
    ECONOMISCH = "economisch", _("Economisch")
    BESTUUR = "bestuur", _("Bestuur")


class LegalFormFamily(models.TextChoices):
    WGR = "wgr", _("Wgr (gemeenschappelijke regeling)")
    PRIVAAT = "privaatrechtelijk", _("Privaatrechtelijk")
    NETWERK = "netwerk", _("Netwerk (geen rechtspersoon)")


class LegalForm(models.TextChoices):
    OPENBAAR_LICHAAM = "openbaar-lichaam", _("Openbaar lichaam")
    BEDRIJFSVOERINGSORGANISATIE = "bedrijfsvoeringsorganisatie", _("Bedrijfsvoeringsorganisatie")
    GEMEENSCHAPPELIJK_ORGAAN = "gemeenschappelijk-orgaan", _("Gemeenschappelijk orgaan")
    CENTRUMGEMEENTE = "centrumgemeente", _("Centrumgemeenteconstructie")
    REGELING_ZONDER_MEER = "regeling-zonder-meer", _("Regeling zonder meer")
    STICHTING = "stichting", _("Stichting")
    VERENIGING = "vereniging", _("Vereniging")
    COOPERATIE = "cooperatie", _("Coöperatie")
    BV = "bv", _("Besloten vennootschap (BV)")
    NV = "nv", _("Naamloze vennootschap (NV)")
    CONVENANT = "convenant", _("Convenant")
    NETWERK = "netwerk", _("Netwerk / bestuurlijk overleg")


#: Which specific legal forms belong to which family (enforced by a database constraint).
LEGAL_FORMS_BY_FAMILY: dict[str, tuple[str, ...]] = {
    LegalFormFamily.WGR: (
        LegalForm.OPENBAAR_LICHAAM,
        LegalForm.BEDRIJFSVOERINGSORGANISATIE,
        LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
        LegalForm.CENTRUMGEMEENTE,
        LegalForm.REGELING_ZONDER_MEER,
    ),
    LegalFormFamily.PRIVAAT: (
        LegalForm.STICHTING,
        LegalForm.VERENIGING,
        LegalForm.COOPERATIE,
        LegalForm.BV,
        LegalForm.NV,
    ),
    LegalFormFamily.NETWERK: (LegalForm.CONVENANT, LegalForm.NETWERK),
}


def family_of(form: str) -> str:
    for family, forms in LEGAL_FORMS_BY_FAMILY.items():
        if form in forms:
            return str(family)
    raise ValueError(f"unknown legal form {form!r}")


class Stage(models.TextChoices):
    ONTMOETINGSPLEK = "ontmoetingsplek", _("Ontmoetingsplek")
    STARTUP = "startup", _("Startup")
    DRAAIEND = "draaiend-systeem", _("Draaiend systeem")
    HERIJKEN = "herijken", _("Herijken")
    GESTOPT = "gestopt", _("Gestopt")


class PublicationStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    IN_REVIEW = "in-behandeling", _("In behandeling")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd")


class Role(models.TextChoices):
    PARTICIPANT = "deelnemer", _("Deelnemer")
    LEAD = "centrumgemeente", _("Centrumgemeente / trekker")
    SECRETARY = "secretaris", _("Secretaris")


class OrganisationKind(models.TextChoices):
    WATERSCHAP = "waterschap", _("Waterschap")
    RIJK = "rijk", _("Rijk")
    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke-regeling", _("Gemeenschappelijke regeling")
    OVERHEID_OVERIG = "overheid-overig", _("Overige overheid")
    ECONOMISCH = "economisch", _("Economische partner")
    MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke partner")
    KENNIS = "kennis", _("Kennisinstelling")
    ONBEKEND = "onbekend", _("Onbekend (niet herkend bij import)")


class DivisionKind(models.TextChoices):
    SAMENWERKING = "samenwerking", _("Samenwerkingsregio's")
    RIJKSINDELING = "rijksindeling", _("Indeling van het Rijk")
    STATISTISCH = "statistisch", _("Statistische indeling")


class Country(models.TextChoices):
    """The country whose municipalities a division or municipality belongs to; the API and the
    atlas switch between them with ``land`` (ADR 0008)."""

    NL = "nl", _("Nederland")
    BE = "be", _("België (Vlaanderen en Brussel)")


class ReorganisationKind(models.TextChoices):
    SAMENVOEGING = "samenvoeging", _("Samenvoeging")
    TOEVOEGING = "toevoeging", _("Toevoeging")
    NAAMSWIJZIGING = "naamswijziging", _("Naamswijziging")
    OPSPLITSING = "opsplitsing", _("Opsplitsing")
