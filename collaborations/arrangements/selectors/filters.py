"""Selecting arrangements by the filters every consumer shares: the API, the vector tiles, the
co-membership network and the BRE clustering."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.gis.geos import Polygon
from django.db.models import Exists, OuterRef, Q, QuerySet

from collaborations.arrangements.models import Arrangement, Membership, MunicipalityMembership
from collaborations.arrangements.selectors.footprints import footprint_covers, is_today
from collaborations.core.choices import Country, DivisionKind, PublicationStatus
from collaborations.geography.selectors.validity import today, valid_on


@dataclass(frozen=True)
class ArrangementFilter:
    """The shared filters. Empty sequences and None mean "no filter on this"."""

    themes: Sequence[str] = ()  # theme slugs; an arrangement matches when it has any of them
    domains: Sequence[str] = ()  # theme domains (fysiek, sociaal, economisch, bestuur)
    legal_form_families: Sequence[str] = ()
    legal_forms: Sequence[str] = ()
    mandatory: bool | None = None
    divisions: Sequence[str] = ()  # division slugs: only regions of these divisions
    exclude_divisions: Sequence[str] = ()
    include_divisions: bool = True  # False: only arrangements that are not regions of a division
    cooperation_only: bool = False  # True: leave out statistical and Rijk divisions
    #: kinds (DivisionKind values): an arrangement outside a division is a cooperation
    #: ("samenwerking"); a region has the kind of its division
    kinds: Sequence[str] = ()
    #: the country (Country): arrangements outside a division count as Dutch; a region has
    #: the country of its division (docs/adr/0008-flanders.md)
    country: str = Country.NL
    provinces: Sequence[str] = ()  # province codes: arrangements with a member there
    members: Sequence[str] = ()  # municipality codes: arrangements shared by ALL of them
    day: datetime.date | None = None  # peildatum; None = today
    text: str = ""
    bbox: tuple[float, float, float, float] | None = None  # WGS84 minx, miny, maxx, maxy
    statuses: Sequence[str] = field(default_factory=lambda: (PublicationStatus.PUBLISHED,))

    @property
    def on(self) -> datetime.date:
        return self.day or today()


def _member_on(code: str, day: datetime.date) -> Exists:
    """The arrangement has a municipal member represented on ``day`` by municipality ``code``
    (the member itself, or a predecessor whose successor ``code`` is)."""
    return Exists(
        MunicipalityMembership.objects.filter(
            valid__contains=day, arrangement_id=OuterRef("pk"), municipality__code=code
        )
    )


def _in_provinces(codes: Sequence[str], day: datetime.date) -> Q:
    """A member in one of the provinces on ``day``: a municipality represented there, or the
    province itself as a member."""
    represented = MunicipalityMembership.objects.filter(
        valid__contains=day,
        arrangement_id=OuterRef("pk"),
        municipality__province__code__in=list(codes),
    )
    direct = Membership.objects.filter(
        valid_on(day), arrangement_id=OuterRef("pk"), province__code__in=list(codes)
    )
    return Q(Exists(represented)) | Q(Exists(direct))


def _division_conditions(f: ArrangementFilter) -> Q:
    condition = Q()
    if f.divisions:
        condition &= Q(division__slug__in=list(f.divisions))
    if f.exclude_divisions:
        condition &= ~Q(division__slug__in=list(f.exclude_divisions))
    if not f.include_divisions:
        condition &= Q(division__isnull=True)
    if f.cooperation_only:
        condition &= Q(division__isnull=True) | Q(division__kind=DivisionKind.SAMENWERKING)
    return condition & _kind_and_country(f)


def _kind_and_country(f: ArrangementFilter) -> Q:
    condition = Q()
    if f.country == Country.NL:
        condition &= Q(division__isnull=True) | Q(division__country=Country.NL)
    elif f.country:
        condition &= Q(division__country=f.country)
    if f.kinds:
        kinds = Q(division__kind__in=list(f.kinds))
        if DivisionKind.SAMENWERKING in f.kinds:
            kinds |= Q(division__isnull=True)
        condition &= kinds
    return condition


def _form_conditions(f: ArrangementFilter) -> Q:
    condition = Q()
    if f.legal_form_families:
        condition &= Q(legal_form_family__in=list(f.legal_form_families))
    if f.legal_forms:
        condition &= Q(legal_form__in=list(f.legal_forms))
    if f.mandatory is not None:
        condition &= Q(is_mandatory=f.mandatory)
    return condition


def _theme_conditions(f: ArrangementFilter) -> Q:
    condition = Q()
    if f.themes:
        condition &= Q(
            Exists(
                Arrangement.themes.through.objects.filter(
                    arrangement_id=OuterRef("pk"), theme__slug__in=list(f.themes)
                )
            )
        )
    if f.domains:
        condition &= Q(
            Exists(
                Arrangement.themes.through.objects.filter(
                    arrangement_id=OuterRef("pk"), theme__domain__in=list(f.domains)
                )
            )
        )
    return condition


def _time_and_place_conditions(f: ArrangementFilter) -> Q:
    day = f.on
    condition = (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (
        Q(end_date__isnull=True) | Q(end_date__gt=day)
    )
    for code in f.members:
        condition &= Q(_member_on(code, day))
    if f.provinces:
        condition &= _in_provinces(f.provinces, day)
    if f.text:
        condition &= Q(name__icontains=f.text) | Q(short_name__icontains=f.text)
    if f.bbox:
        box = Polygon.from_bbox(f.bbox)
        box.srid = 4326
        if is_today(f.day):
            condition &= Q(footprint__intersects=box)
        else:  # the footprint of the peildatum
            condition &= Q(footprint_covers(day=day, geometry=box))
    return condition


def arrangements_filter(*, filters: ArrangementFilter | None = None) -> QuerySet[Arrangement]:
    """Arrangements matching ``filters`` (default: all published ones valid today)."""
    f = filters or ArrangementFilter()
    condition = Q(publication_status__in=list(f.statuses))
    condition &= _division_conditions(f) & _form_conditions(f) & _theme_conditions(f)
    condition &= _time_and_place_conditions(f)
    return Arrangement.objects.filter(condition)
