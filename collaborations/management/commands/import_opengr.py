"""Load the OpenGR 2015 gemeenschappelijke regelingen and the CBS GR codes of the DSTA list
(needs the municipalities and provinces)."""

from django.core.management.base import BaseCommand, CommandError

from collaborations.sources.base import ImportError_
from collaborations.sources.dsta import load_dsta_gr_codes
from collaborations.sources.opengr import load_opengr_2015


class Command(BaseCommand):
    help = "Load the OpenGR 2015 regelingen with their members, then the CBS GR codes (DSTA)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--skip-gr-codes", action="store_true", help="Do not load the CBS GR codes."
        )

    def handle(self, *args, **options) -> None:
        loaders = [load_opengr_2015]
        if not options["skip_gr_codes"]:
            loaders.append(load_dsta_gr_codes)
        for loader in loaders:
            try:
                report = loader()
            except ImportError_ as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(report.render())
