"""Generate a SYNTHETIC country (not real data) for scale tests: ``--municipalities`` grid
cells, ``--arrangements`` arrangements of neighbouring blocks, seeded. Refuses to run unless
the database name contains "synthetic" (collaborations/sources/synthetic.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from collaborations.sources.synthetic import (
    NotSyntheticDatabaseError,
    synthetic_country_analyze,
    synthetic_country_generate,
)
from collaborations.tiles.services import tile_geometry_rebuild


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=20000)
        parser.add_argument("--arrangements", type=int, default=4000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--tiles", action="store_true", help="also build the vector tile geometry (slow)"
        )

    def handle(self, *args, municipalities, arrangements, seed, tiles=False, **options):
        if arrangements < 1:
            raise CommandError("--arrangements: at least 1")
        started = time.perf_counter()
        try:
            country = synthetic_country_generate(
                municipalities=municipalities, arrangements=arrangements, seed=seed
            )
        except (NotSyntheticDatabaseError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"SYNTHETIC country: {country.municipalities} municipalities, {country.provinces} "
            f"provinces, {country.arrangements} arrangements, {country.memberships} memberships "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if tiles:
            self.stdout.write(f"{tile_geometry_rebuild()} tile geometries")
        synthetic_country_analyze()  # statistics for the planner, before anything reads
        self.stdout.write("statistics refreshed (ANALYZE)")
