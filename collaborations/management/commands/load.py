"""Load all public data, step by step: provinces, municipalities, reorganisations, the
divisions in the order of their versions (the 2016 regioatlas, the 2024 veiligheidsregio's, the
CBS divisions of 2025 and 2026), Flanders (municipalities and referentieregio's), the OpenGR
arrangements, the DSTA GR codes and finally the arrangement footprints.

Each step is its own transaction. A step whose derived table is missing (not in the data
folder and not published online) is reported and skipped; any other import error stops the
run with a CommandError naming the file and row. Steps whose module has not landed yet are
skipped with a warning."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.db import transaction

from collaborations.core.services.versioning import data_version_bump
from collaborations.sources.base import ImportError_, ImportReport
from collaborations.sources.geo_common import MissingSourceError


@dataclass(frozen=True)
class Step:
    name: str
    module: str
    function: str
    help: str


GEOGRAPHY = "collaborations.sources.geography"
STEPS = (
    Step("provinces", GEOGRAPHY, "load_provinces", "provinces (CBS 2024)"),
    Step("municipalities", GEOGRAPHY, "load_municipalities", "municipalities and boundaries"),
    Step("reorganisations", GEOGRAPHY, "load_reorganisations", "herindelingen and lineage"),
    Step(
        "regioatlas",
        "collaborations.sources.regioatlas",
        "load_regioatlas_2016",
        "BZK regioatlas 2016",
    ),
    Step("veiligheidsregios", GEOGRAPHY, "load_veiligheidsregios", "the 25 veiligheidsregio's"),
    Step(
        "divisions",
        "collaborations.sources.cbs_divisions",
        "load_cbs_divisions",
        "CBS divisions of 2025 and 2026",
    ),
    Step(
        "flanders",
        "collaborations.sources.flanders",
        "load_flanders",
        "Flanders: municipalities and referentieregio's",
    ),
    Step("opengr", "collaborations.sources.opengr", "load_opengr_2015", "OpenGR 2015"),
    Step("dsta", "collaborations.sources.dsta", "load_dsta_gr_codes", "DSTA GR codes"),
    Step(
        "coverage",
        "collaborations.geography.services.coverage",
        "boundaries_clean_coverage_rebuild",
        "clean coverage of the boundary layers",
    ),
    Step(
        "in-force",
        "collaborations.arrangements.services.in_force",
        "memberships_in_force_refresh",
        "memberships in force (rows)",
    ),
    Step(
        "footprints",
        "collaborations.arrangements.services.footprints",
        "arrangement_footprints_recompute",
        "arrangement footprints",
    ),
    Step("tiles", "collaborations.tiles.services", "tile_geometry_rebuild", "vector tile geometry"),
    Step(
        "bre",
        "collaborations.clustering.services",
        "clustering_default_run",
        "default BRE clustering run",
    ),
)
STEP_NAMES = [step.name for step in STEPS]


def is_missing_table(exc: ImportError_) -> bool:
    """A derived table that is neither in the data folder nor published online."""

    return isinstance(exc, MissingSourceError) or "not published online" in str(exc)


def resolve(step: Step) -> Callable[[], Any] | None:
    """The step's function, or None when its module (or function) has not landed yet."""
    try:
        module = importlib.import_module(step.module)
    except ModuleNotFoundError as exc:
        if exc.name and step.module.startswith(exc.name):
            return None
        raise  # the module exists but one of its own imports is broken
    return getattr(module, step.function, None)


def run_step(step: Step, function: Callable[[], Any], stdout: OutputWrapper) -> str:
    """Run one step in its own transaction, print its report and return a summary line.
    A missing derived table is printed and skipped; other import errors raise CommandError."""
    try:
        with transaction.atomic():
            result = function()
    except ImportError_ as exc:
        if not is_missing_table(exc):
            raise CommandError(f"{step.name}: {exc}") from exc
        stdout.write(f"== {step.name}: SKIPPED, missing derived table: {exc}")
        return f"{step.name}: skipped (missing derived table)"
    if isinstance(result, ImportReport):
        stdout.write(result.render())
        return (
            f"{step.name}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(result.rejected)} rejected, "
            f"{len(result.notes)} notes"
        )
    stdout.write(f"== {step.help}: {result}")
    return f"{step.name}: {result}"


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=STEP_NAMES, help="run this one step")
        parser.add_argument(
            "--skip-footprints",
            action="store_true",
            help="do not recompute footprints and tile geometry",
        )

    def handle(self, *args, only=None, skip_footprints=False, **options):
        summary = []
        for step in STEPS:
            if (only and step.name != only) or (
                skip_footprints and step.name in ("footprints", "tiles")
            ):
                continue
            function = resolve(step)
            if function is None:
                line = f"{step.name}: WARNING {step.module}.{step.function} is not available yet"
                self.stderr.write(line)
                summary.append(line)
                continue
            summary.append(run_step(step, function, self.stdout))
        self._finish()
        self.stdout.write("== summary")
        for line in summary:
            self.stdout.write(f"   {line}")

    def _finish(self) -> None:
        """A new data version for HTTP validators, and VACUUM (ANALYZE): bulk upserts leave
        dead rows and stale planner statistics, and the network queries depend on both."""
        from django.db import connection

        with transaction.atomic():
            data_version_bump()
        with connection.cursor() as cursor:
            # VACUUM needs autocommit; inside an outer transaction (tests) ANALYZE must do.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
