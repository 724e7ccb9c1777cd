"""Load the provinces and municipalities (validity and boundary versions) from the CBS layers."""

from django.core.management.base import BaseCommand

from collaborations.management.commands.load import STEPS, resolve, run_step

LEVELS = {"provinces": ["provinces"], "municipalities": ["municipalities"]}
LEVELS["all"] = LEVELS["provinces"] + LEVELS["municipalities"]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--level", choices=sorted(LEVELS), default="all")

    def handle(self, *args, level="all", **options):
        for step in STEPS:
            if step.name in LEVELS[level]:
                run_step(step, resolve(step), self.stdout)
