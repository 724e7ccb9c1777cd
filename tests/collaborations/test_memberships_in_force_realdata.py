"""The memberships in force on the real data (issue 15 part 1): for every municipality and many
days (each 1 January 2014-2027, the days before and on every herindeling, mid-years), the
stored table gives the same (arrangement, municipality) pairs as the lineage rule worked out
on every read, and the selectors that now read the table (a municipality's arrangements, the
counts per municipality, member counts in lists) agree with the rule.

Loads the real geography, the divisions and OpenGR 2015 (members recorded before later
herindelingen) once for the module inside a transaction rolled back afterwards."""

import datetime
import importlib
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.arrangements.selectors.lists import arrangement_list
from collaborations.arrangements.selectors.municipalities import (
    _arrangement_counts,
    municipality_profile,
)
from collaborations.arrangements.selectors.represented import (
    represented_municipality_pairs,
    represented_municipality_pairs_computed,
)
from collaborations.core.choices import PublicationStatus
from collaborations.geography.models import Municipality, Reorganisation

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.slow,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (Path(settings.REGIOATLAS_DATA_DIR) / "nl" / "cbs").is_dir(),
        reason="the shared data folder (REGIOATLAS_DATA_DIR) is absent",
    ),
]

LOADERS = (
    ("collaborations.sources.geography", "load_provinces"),
    ("collaborations.sources.geography", "load_municipalities"),
    ("collaborations.sources.geography", "load_reorganisations"),
    ("collaborations.sources.regioatlas", "load_regioatlas_2016"),
    ("collaborations.sources.geography", "load_veiligheidsregios"),
    ("collaborations.sources.cbs_divisions", "load_cbs_divisions"),
    ("collaborations.sources.opengr", "load_opengr_2015"),
)


@pytest.fixture(scope="module", autouse=True)
def real_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for module, name in LOADERS:
            try:
                loader = getattr(importlib.import_module(module), name, None)
            except ModuleNotFoundError:
                loader = None
            if loader is not None:
                loader()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield
        transaction.set_rollback(True)


def _days() -> list[datetime.date]:
    days = {datetime.date(year, 1, 1) for year in range(2014, 2028)}
    days |= {datetime.date(year, 7, 1) for year in range(2014, 2027)}
    for date in Reorganisation.objects.values_list("date", flat=True).distinct():
        days |= {date - datetime.timedelta(days=1), date}
    return sorted(days)


def test_stored_pairs_equal_the_lineage_rule_for_every_municipality_and_day():
    days = _days()
    assert len(days) > 30
    compared = 0
    for day in days:
        stored = set(represented_municipality_pairs(day=day))
        computed = set(represented_municipality_pairs_computed(day=day))
        assert stored == computed, day
        compared += len({m for _, m in computed})
    assert compared > 300 * len(days) // 2  # (municipality, day) pairs with arrangements


def test_selectors_on_the_table_agree_with_the_rule():
    for day in (datetime.date(2016, 1, 1), datetime.date(2021, 6, 1), datetime.date.today()):
        f = ArrangementFilter(day=day, statuses=(PublicationStatus.PUBLISHED,))
        pairs = set(represented_municipality_pairs_computed(day=day))
        listed = set(arrangement_list(filters=f).values_list("pk", flat=True))
        per_municipality = defaultdict(set)
        for arrangement_id, municipality_id in pairs:
            if arrangement_id in listed:
                per_municipality[municipality_id].add(arrangement_id)
        assert _arrangement_counts(f) == {m: len(a) for m, a in per_municipality.items()}, day
        members = Counter(a for a, _ in pairs)
        for pk, count in arrangement_list(filters=f).values_list("pk", "member_count"):
            assert count == members.get(pk, 0), (day, pk)
        for municipality in Municipality.objects.filter(
            pk__in=list(per_municipality)[::25]
        ).select_related("province"):
            profile = municipality_profile(municipality=municipality, filters=f)
            ids = {item["id"] for item in profile["samenwerkingsverbanden"]}
            assert ids == per_municipality[municipality.pk], (day, municipality.code)
