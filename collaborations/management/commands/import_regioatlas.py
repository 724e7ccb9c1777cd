"""Load the official divisions of the BZK Regioatlas 2016 (needs the 2016 municipalities)."""

from django.core.management.base import BaseCommand, CommandError

from collaborations.sources.base import ImportError_
from collaborations.sources.regioatlas import load_regioatlas_2016


class Command(BaseCommand):
    help = "Load the 33 indelingen of the BZK Regioatlas 2016 as divisions, regions and members."

    def handle(self, *args, **options) -> None:
        try:
            report = load_regioatlas_2016()
        except ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.render())
