"""API fixtures: a small atlas on the fixed test grid near Utrecht (tests/factories.square; a
cell is 0.05 x 0.05 degrees, south-west corner (5.0 + 0.05*col, 52.0 + 0.05*row)).

    row 1 |  Delta (GM9104, PV26)  |  Foxtrot GM9106 (PV27, until 2021)
          |  cols 0-1; absorbed    |  split 2021 into Golf GM9107 (west,
          |  Echo GM9105 (col 1)   |  0.6) and Hotel GM9108 (east, 0.4)
          |  on 2019-01-01         |
    row 0 |  Alfa GM9101 | Bravo GM9102 (PV26) | Charlie GM9103 (PV27)
             col 0         col 1                 col 2

Arrangements (footprints are fixed blocks of cells, not computed):
- afval: Afvalschap Midden, Wgr openbaar lichaam, mandatory, since 2010; Alfa, Bravo, Charlie.
- jeugd_west / jeugd_oost: the two regions (JR01, JR02) of division ``jeugdregios``;
  Alfa+Bravo and Charlie+Delta.
- wonen: Woonstichting Oost, stichting, since 2020; Bravo, Charlie, province PV27 and a water
  board.
- echo: Echo-overleg, convenant (wonen, jeugd); Alfa and Echo (represented by Delta since
  2019).
- foxtrot: Foxtrot-diensten, bedrijfsvoeringsorganisatie; Charlie and Foxtrot (split 2021).
- draft: an unpublished arrangement of Alfa and Bravo; ended: one that ended on 2020-01-01."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.utils import timezone

from collaborations.arrangements.models import Arrangement, Theme
from collaborations.core.choices import (
    DivisionKind,
    LegalForm,
    LegalFormFamily,
    OrganisationKind,
    PublicationStatus,
    Role,
)
from collaborations.geography.models import Municipality
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    CELL,
    GRID_ORIGIN,
    ArrangementFactory,
    DataSourceFactory,
    DivisionFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProvinceFactory,
    ReorganisationFactory,
    square,
)

D2019 = datetime.date(2019, 1, 1)
D2021 = datetime.date(2021, 1, 1)


def block(col0: int, row0: int, col1: int, row1: int) -> MultiPolygon:
    """The cells col0..col1 x row0..row1 (inclusive) of the test grid as one rectangle."""
    x0, y0 = GRID_ORIGIN[0] + CELL * col0, GRID_ORIGIN[1] + CELL * row0
    x1, y1 = GRID_ORIGIN[0] + CELL * (col1 + 1), GRID_ORIGIN[1] + CELL * (row1 + 1)
    bbox = (round(x0, 6), round(y0, 6), round(x1, 6), round(y1, 6))
    return MultiPolygon(Polygon.from_bbox(bbox), srid=4326)


def half(col: int, row: int, *, west: bool, share: float) -> MultiPolygon:
    """The western ``share`` (or the eastern rest) of a cell."""
    x0 = GRID_ORIGIN[0] + CELL * col
    y0, y1 = GRID_ORIGIN[1] + CELL * row, GRID_ORIGIN[1] + CELL * (row + 1)
    split = x0 + CELL * share
    bbox = (x0, y0, split, y1) if west else (split, y0, x0 + CELL, y1)
    return MultiPolygon(Polygon.from_bbox(tuple(round(v, 6) for v in bbox)), srid=4326)


@dataclass
class ApiData:
    m: dict[str, Municipality] = field(default_factory=dict)
    a: dict[str, Arrangement] = field(default_factory=dict)


def _municipalities(data: ApiData) -> None:
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", geom=block(0, 0, 1, 1))
    holland = ProvinceFactory(code="PV27", name="Noord-Holland", geom=block(2, 0, 2, 1))

    def add(key, code, geom, province, **dates):
        data.m[key] = MunicipalityFactory(
            code=code, name=key, province=province, geom=geom, **dates
        )

    add("Alfa", "GM9101", square(0, 0), utrecht)
    add("Bravo", "GM9102", square(1, 0), utrecht)
    add("Charlie", "GM9103", square(2, 0), holland)
    add("Delta", "GM9104", block(0, 1, 1, 1), utrecht)
    add("Echo", "GM9105", square(1, 1), utrecht, valid_to=D2019)
    add("Foxtrot", "GM9106", square(2, 1), holland, valid_to=D2021)
    add("Golf", "GM9107", half(2, 1, west=True, share=0.6), holland, valid_from=D2021)
    add("Hotel", "GM9108", half(2, 1, west=False, share=0.6), holland, valid_from=D2021)
    ReorganisationFactory(
        predecessor=data.m["Echo"], successor=data.m["Delta"], date=D2019, kind="toevoeging"
    )
    for successor, share, main in (("Golf", "0.6", True), ("Hotel", "0.4", False)):
        ReorganisationFactory(
            predecessor=data.m["Foxtrot"],
            successor=data.m[successor],
            date=D2021,
            kind="opsplitsing",
            area_share=share,
            is_main_successor=main,
        )
    lineage_rebuild()


def _arrangement(data: ApiData, key: str, members: list[str], themes: list[str], **fields):
    arrangement = ArrangementFactory(
        slug=key, themes=list(Theme.objects.filter(slug__in=themes)), **fields
    )
    for name in members:
        MembershipFactory(arrangement=arrangement, municipality=data.m[name], name_as_recorded=name)
    data.a[key] = arrangement
    return arrangement


def _arrangements(data: ApiData) -> None:
    source = DataSourceFactory(
        slug="testbron",
        name="Testbron",
        publisher="BZK",
        url="https://example.org/bron",
        licence="CC BY 4.0",
        year=2024,
    )
    wgr = {"legal_form_family": LegalFormFamily.WGR}
    _arrangement(
        data, "afval", ["Alfa", "Bravo", "Charlie"], ["afval"], name="Afvalschap Midden",
        short_name="AM", legal_form=LegalForm.OPENBAAR_LICHAAM, is_mandatory=True,
        start_date=datetime.date(2010, 1, 1), source=source, website="https://afval.example.org",
        cbs_gr_code="GR0001", description="Afval ophalen.", provenance_note="Uit de testbron.",
        footprint=block(0, 0, 2, 0), **wgr,
    )  # fmt: skip
    division = DivisionFactory(
        slug="jeugdregios", name="Jeugdregio's", domain="sociaal", kind=DivisionKind.SAMENWERKING
    )
    region = {"division": division, "is_mandatory": True}
    _arrangement(
        data, "jeugd_west", ["Alfa", "Bravo"], ["jeugd"], name="Jeugdregio West",
        short_name="West", region_code="JR01", footprint=block(0, 0, 1, 0),
        start_date=datetime.date(2015, 1, 1), **region,
    )  # fmt: skip
    _arrangement(
        data, "jeugd_oost", ["Charlie", "Delta"], ["jeugd"], name="Jeugdregio Oost",
        short_name="Oost", region_code="JR02",
        footprint=MultiPolygon(block(2, 0, 2, 0)[0], block(0, 1, 1, 1)[0], srid=4326), **region,
    )  # fmt: skip
    wonen = _arrangement(
        data, "wonen", ["Bravo", "Charlie"], ["wonen"], name="Woonstichting Oost",
        legal_form_family=LegalFormFamily.PRIVAAT, legal_form=LegalForm.STICHTING,
        start_date=datetime.date(2020, 1, 1), footprint=block(1, 0, 2, 0),
    )  # fmt: skip
    MembershipFactory(
        arrangement=wonen, municipality=None, province=data.m["Charlie"].province, role=Role.LEAD
    )
    MembershipFactory(
        arrangement=wonen,
        municipality=None,
        organisation=OrganisationFactory(name="Waterschap Test", kind=OrganisationKind.WATERSCHAP),
    )
    _arrangement(
        data, "echo", ["Alfa", "Echo"], ["wonen", "jeugd"], name="Echo-overleg",
        legal_form=LegalForm.CONVENANT, footprint=block(0, 0, 1, 1),
    )  # fmt: skip
    _arrangement(
        data, "foxtrot", ["Charlie", "Foxtrot"], ["bedrijfsvoering"], name="Foxtrot-diensten",
        legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE, footprint=block(2, 0, 2, 1), **wgr,
    )  # fmt: skip
    _arrangement(
        data, "draft", ["Alfa", "Bravo"], ["afval"], name="Concept-verband",
        publication_status=PublicationStatus.DRAFT, footprint=block(0, 0, 1, 0),
    )  # fmt: skip
    _arrangement(
        data, "ended", ["Alfa", "Bravo"], ["afval"], name="Opgeheven verband",
        start_date=datetime.date(2012, 1, 1), end_date=datetime.date(2020, 1, 1),
        footprint=block(0, 0, 1, 0),
    )  # fmt: skip


@pytest.fixture
def api_data(db) -> ApiData:
    data = ApiData()
    _municipalities(data)
    _arrangements(data)
    return data


@pytest.fixture
def staff_client(client, django_user_model):
    """A moderator (staff by role: collaborations/permissions.py; the is_staff flag alone
    grants nothing)."""
    from collaborations.registration.services.accounts import user_role_set

    user = django_user_model.objects.create_user(username="redactie", is_staff=True)
    user_role_set(user=user, role="moderator")
    client.force_login(user)
    return client


def shared_count(first: Municipality, second: Municipality, **filters) -> int:
    """Published arrangements valid today that have both municipalities as (current) members,
    counted straight from the memberships: the reference for the network tests."""
    today = timezone.localdate()
    ids = set(
        Arrangement.objects.filter(
            memberships__municipality=first, publication_status=PublicationStatus.PUBLISHED
        ).values_list("pk", flat=True)
    ) & set(
        Arrangement.objects.filter(memberships__municipality=second).values_list("pk", flat=True)
    )
    alive = Arrangement.objects.filter(pk__in=ids, **filters).exclude(end_date__lte=today)
    return alive.exclude(start_date__gt=today).count()
