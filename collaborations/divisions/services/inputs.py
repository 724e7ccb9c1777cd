"""What a version of a division is made of, whatever file or form it came from: the family
(:class:`FamilySpec`), the version (:class:`VersionInput`) and its regions (:class:`RegionInput`)
with their members by CBS code. The loaders of the public files (collaborations.sources) and the
bulk import of a division (collaborations.registration) both build these and hand them to
:mod:`.versions` (the plan) and :mod:`.apply` (the writes)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify

from collaborations.arrangements.models import DataSource
from collaborations.core.choices import Country, DivisionKind, Domain, LegalFormFamily, Role


@dataclass(frozen=True)
class RegionDefaults:
    """How the regions of a family are recorded as arrangements. ``name_format`` makes the
    arrangement's name from the region's name (``{regio}``) and the division's (``{indeling}``);
    with ``lead_is_region`` the member whose name is the region's is its centrumgemeente."""

    legal_form_family: str = LegalFormFamily.NETWERK
    legal_form: str = ""
    is_mandatory: bool | None = None
    themes: tuple[str, ...] = ()
    name_format: str = "{regio}"
    lead_is_region: bool = False
    basis: str = ""


@dataclass(frozen=True)
class FamilySpec:
    """A division as a family: its stable slug and what it is."""

    slug: str
    name: str
    domain: str = Domain.BESTUUR
    kind: str = DivisionKind.SAMENWERKING
    country: str = Country.NL
    description: str = ""
    regions: RegionDefaults = field(default_factory=RegionDefaults)

    def region_name(self, region: str) -> str:
        return self.regions.name_format.format(regio=region, indeling=self.name)[:255]


@dataclass(frozen=True)
class MemberInput:
    """A member of a region by CBS code, with its name as the source writes it and where."""

    code: str
    name: str = ""
    where: str = ""
    role: str = Role.PARTICIPANT


@dataclass(frozen=True)
class RegionInput:
    """A region of a version: its name as the source writes it, its CBS code when the source
    has one, and its members. ``reference`` identifies it in its source (the
    ``source_reference`` of an arrangement it creates); ``note`` adds to its description."""

    name: str
    members: tuple[MemberInput, ...]
    code: str = ""
    reference: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        return self.code or self.name


@dataclass(frozen=True)
class VersionInput:
    """A version: in force from ``valid_from``; ``label`` names it ("2025"); ``provenance`` says
    where it comes from (for the arrangements it creates)."""

    valid_from: datetime.date
    label: str
    source: DataSource | None = None
    provenance: str = ""


def family_default(*, stem: str) -> FamilySpec:
    """The family of a division file never seen before: slug and name from its file name
    (``zorgkantoorregio_2025.csv`` -> ``zorgkantoorregio``, "Zorgkantoorregio"), the defaults of
    the model for the rest (reported as such by the loader)."""
    base = stem.rsplit("_", 1)[0] if stem.rsplit("_", 1)[-1].isdigit() else stem
    words = base.replace("_", " ").replace("-", " ").strip()
    return FamilySpec(slug=slugify(base)[:80], name=(words[:1].upper() + words[1:])[:200])
