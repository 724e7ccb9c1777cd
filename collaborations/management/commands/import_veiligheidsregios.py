"""Load the 25 veiligheidsregio's (2024) with their member municipalities."""

from django.core.management.base import BaseCommand

from collaborations.management.commands.load import STEPS, resolve, run_step

STEP = next(step for step in STEPS if step.name == "veiligheidsregios")


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        run_step(STEP, resolve(STEP), self.stdout)
