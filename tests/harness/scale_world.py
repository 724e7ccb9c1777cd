"""A factory dataset for the scale-out test (tests/scaleout): a grid of ``SIZE`` x ``SIZE``
test municipalities (tests/factories.py squares) in one province, with 2024 boundaries,
``ARRANGEMENTS`` arrangements of rectangular blocks of neighbours (seeded, so every run has
the same network), and a moderator with an API token. Test data, not real. Run with the
site's environment as ``python -m tests.harness.scale_world [size] [arrangements]``; prints
what the test needs as JSON."""

from __future__ import annotations

import json
import random
import sys


def build(size: int = 14, arrangements: int = 160, seed: int = 7) -> dict:
    from django.contrib.auth import get_user_model

    from collaborations.accounts.choices import EditorRole
    from collaborations.accounts.services.tokens import api_token_create
    from collaborations.arrangements.models import Arrangement, Membership
    from collaborations.geography.models import MunicipalityBoundary
    from collaborations.geography.services.lineage import lineage_rebuild
    from collaborations.registration.services.accounts import user_role_set
    from collaborations.tiles.services import arrangement_geometry_refresh
    from tests.factories import ArrangementFactory, MunicipalityFactory, ProvinceFactory, square

    rng = random.Random(seed)
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=size))
    grid = {}
    for row in range(size):
        for col in range(size):
            number = row * size + col
            grid[col, row] = MunicipalityFactory(
                code=f"GM{9999 - number:04d}",
                name=f"Testgemeente {number}",
                province=province,
                geom=square(col, row),
            )
    MunicipalityBoundary.objects.bulk_create(
        MunicipalityBoundary(municipality=m, year=2024, valid_from=None, valid_to=None, geom=m.geom)
        for m in grid.values()
    )
    lineage_rebuild()
    members = []
    for number in range(arrangements):
        width, height = rng.randint(2, 4), rng.randint(2, 4)
        col, row = rng.randint(0, size - width), rng.randint(0, size - height)
        arrangement = ArrangementFactory(name=f"Testregio {number}", slug=f"testregio-{number}")
        members += [
            Membership(arrangement=arrangement, municipality=grid[c, r], role="deelnemer")
            for c in range(col, col + width)
            for r in range(row, row + height)
        ]
    Membership.objects.bulk_create(members)
    arrangement_geometry_refresh()
    moderator = get_user_model().objects.create_user(username="moderator")
    user_role_set(user=moderator, role=EditorRole.MODERATOR, organisation_label="BZK")
    first = Arrangement.objects.order_by("pk").first()
    return {
        "token": api_token_create(user=moderator).key,
        "arrangement": first.pk,
        "municipalities": [grid[0, 0].code, grid[1, 0].code, grid[size - 1, size - 1].code],
        "count": len(grid),
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(build(*(int(a) for a in sys.argv[1:]))))
