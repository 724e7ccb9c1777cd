"""A small world for a site on throwaway servers (tests/live/test_faults.py): four
municipalities in a row of grid cells near Utrecht (tests/factories.py), with 2024
boundaries, one arrangement of the first two with its footprint, and a moderator with an API
token. Run with the site's environment as ``python -m tests.harness.small_world``; prints
what the tests need as JSON."""

from __future__ import annotations

import json


def build() -> dict:
    from django.contrib.auth import get_user_model

    from collaborations.accounts.choices import EditorRole
    from collaborations.accounts.services.tokens import api_token_create
    from collaborations.geography.services.lineage import lineage_rebuild
    from collaborations.registration.services.accounts import user_role_set
    from collaborations.tiles.services import arrangement_geometry_refresh
    from tests.factories import (
        ArrangementFactory,
        MembershipFactory,
        MunicipalityBoundaryFactory,
        MunicipalityFactory,
        ProvinceFactory,
        square,
    )

    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=4))
    municipalities = [
        MunicipalityFactory(code=f"GM90{i:02d}", name=name, province=province, geom=square(i, 0))
        for i, name in enumerate(["Aadorp", "Beekstad", "Cromveen", "Dijkwaard"])
    ]
    for municipality in municipalities:
        MunicipalityBoundaryFactory(municipality=municipality, year=2024)
    lineage_rebuild()
    arrangement = ArrangementFactory(name="Regio Aadorp-Beekstad", slug="regio-ab")
    for municipality in municipalities[:2]:
        MembershipFactory(arrangement=arrangement, municipality=municipality)
    arrangement_geometry_refresh()
    moderator = get_user_model().objects.create_user(username="moderator")
    user_role_set(user=moderator, role=EditorRole.MODERATOR, organisation_label="BZK")
    return {
        "token": api_token_create(user=moderator).key,
        "arrangement": arrangement.pk,
        "slug": arrangement.slug,
        "municipalities": [m.code for m in municipalities],
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(build()))
