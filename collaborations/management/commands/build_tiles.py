"""Rebuild the pre-simplified tile geometry (services.tile_geometry_rebuild)."""

import time

from django.core.management.base import BaseCommand
from django.db.models import Count

from collaborations.tiles.models import TileGeometry
from collaborations.tiles.services import tile_geometry_rebuild


class Command(BaseCommand):
    help = (
        "Vereenvoudig gemeenten, provincies en samenwerkingsverbanden per zoomband voor de "
        "vectortegels (alles, of alleen de gegeven samenwerkingsverbanden)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--samenwerkingsverband",
            dest="arrangement_ids",
            type=int,
            action="append",
            metavar="ID",
            help="Alleen dit samenwerkingsverband (herhaalbaar).",
        )

    def handle(self, *args, arrangement_ids=None, **options):
        started = time.perf_counter()
        written = tile_geometry_rebuild(arrangement_ids=arrangement_ids)
        elapsed = time.perf_counter() - started
        counts = (
            TileGeometry.objects.values_list("layer", "band")
            .annotate(n=Count("pk"))
            .order_by("layer", "band")
        )
        for layer, band, n in counts:
            self.stdout.write(f"  {layer:<22} band {band}: {n}")
        self.stdout.write(
            self.style.SUCCESS(f"{written} tegelgeometrieën geschreven in {elapsed:.1f} s")
        )
