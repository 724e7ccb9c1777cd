"""Compute a BRE clustering run now (synchronously): with the default parameters and made the
default run (``--default``), or with parameters given as JSON (``--params``). ``--queue``
sends it to the Celery worker instead; ``--reap`` first marks dead runs failed."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from collaborations.clustering.services.parameters import DEFAULT_PARAMETERS
from collaborations.clustering.services.runs import (
    clustering_default_run,
    clustering_run_create,
    clustering_run_execute,
    clustering_run_reap_stale,
)


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--params", help="run parameters as JSON (see docs/bre.md)")
        parser.add_argument(
            "--default", action="store_true", help="make the (succeeded) run the default run"
        )
        parser.add_argument(
            "--queue", action="store_true", help="enqueue for the Celery worker; do not wait"
        )
        parser.add_argument("--reap", action="store_true", help="first mark dead runs failed")

    def handle(self, *args, params=None, default=False, queue=False, reap=False, **options):
        if reap:
            self.stdout.write(f"reaped {clustering_run_reap_stale()} stale run(s)")
        try:
            parameters = json.loads(params) if params else dict(DEFAULT_PARAMETERS)
        except json.JSONDecodeError as exc:
            raise CommandError(f"--params is not valid JSON: {exc}") from exc
        try:
            run = self._run(parameters, default=default, queue=queue)
        except ValidationError as exc:
            raise CommandError(f"invalid parameters: {exc.message_dict}") from exc
        self.stdout.write(f"{run}: {json.dumps(run.timings)}")
        if run.status == "failed":
            raise CommandError(f"run {run.pk} failed: {run.error}")

    def _run(self, parameters: dict, *, default: bool, queue: bool):
        if queue:
            if default:
                raise CommandError("--default runs synchronously; leave out --queue")
            return clustering_run_create(parameters=parameters, enqueue=True)
        if default:
            return clustering_default_run(parameters=parameters)
        run = clustering_run_create(parameters=parameters, enqueue=False)
        return clustering_run_execute(run_id=run.pk) or run
