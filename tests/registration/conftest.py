"""Fixtures of the registration tests: a small world on the test grid near Utrecht (see
tests/factories.py) and one account per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from collaborations.accounts.choices import EditorRole
from collaborations.arrangements.models import Theme
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)
from tests.harness.accounts import PASSWORD, ROLES, make_user
from tests.harness.registration import arrangement_state

__all__ = ["PASSWORD", "ROLES", "World", "make_user", "new_state"]


@dataclass
class World:
    """Six municipalities in a row of grid cells (col 0..5, row 0; 0.05 degree squares south-
    west of Utrecht), one that ceased to exist in 2019 (cell (0, 1)), two arrangements."""

    municipalities: list[Any]
    former: Any
    own: Any  # arrangement with the municipal editor's municipality (GM9001) as member
    other: Any  # arrangement without it
    users: dict[str, Any]


@pytest.fixture
def world(db) -> World:
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=6))
    municipalities = [
        MunicipalityFactory(
            code=f"GM90{i:02d}",
            name=f"{name}",
            province=province,
            geom=square(i, 0),
        )
        for i, name in enumerate(
            ["Aadorp", "Beekstad", "Cromveen", "Dijkwaard", "Eemhoven", "Fortmond"]
        )
    ]
    former = MunicipalityFactory(
        code="GM9100",
        name="Oudwoude",
        province=province,
        geom=square(0, 1),
        valid_to=datetime.date(2019, 1, 1),
    )
    for municipality in [*municipalities, former]:
        MunicipalityBoundaryFactory(municipality=municipality)
    own = ArrangementFactory(name="Regio Aadorp-Beekstad", slug="regio-ab")
    other = ArrangementFactory(name="Samenwerking Eemhoven-Fortmond", slug="samenwerking-ef")
    wonen = Theme.objects.get(slug="wonen")
    own.themes.set([wonen])
    other.themes.set([wonen])
    for arrangement, members in ((own, municipalities[1:3]), (other, municipalities[4:6])):
        for municipality in members:
            MembershipFactory(arrangement=arrangement, municipality=municipality)
    MembershipFactory(arrangement=own, municipality=municipalities[0])
    users = {
        "anoniem": None,
        "zonder-rol": make_user("bezoeker"),
        "staf-zonder-rol": make_user("staf", is_staff=True),
        "gemeente": make_user(
            "gemeente",
            EditorRole.MUNICIPAL_EDITOR,
            municipalities=[municipalities[1]],
            organisation_label="Gemeente Beekstad",
        ),
        "secretariaat": make_user(
            "secretariaat", EditorRole.SECRETARIAT_EDITOR, arrangements=[own]
        ),
        "moderator": make_user("moderator", EditorRole.MODERATOR, organisation_label="BZK"),
        "beheerder": make_user("beheerder", EditorRole.ADMINISTRATOR),
    }
    return World(municipalities, former, own, other, users)


def new_state(world: World, *, name: str = "Regio Cromveen", codes=None, **fields) -> dict:
    """A new arrangement of Beekstad, Cromveen and Dijkwaard (or ``codes``) as the
    registration services take it (tests/harness/registration.py)."""
    codes = codes or ["GM9001", "GM9002", "GM9003"]
    return arrangement_state(name=name, codes=codes, **fields)
