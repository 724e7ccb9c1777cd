"""The geography loaders on the real shared data (skipped when the data folder is absent)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.geography.models import (
    Municipality,
    MunicipalityLineage,
    Province,
    Reorganisation,
)
from collaborations.sources.geo_common import valid_on
from collaborations.sources.geo_municipalities import load_municipalities, load_provinces
from collaborations.sources.geo_reorganisations import descendants_today, load_reorganisations
from collaborations.sources.geo_veiligheidsregios import load_veiligheidsregios

D = datetime.date
LOADERS = (load_provinces, load_municipalities, load_reorganisations, load_veiligheidsregios)

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (Path(settings.REGIOATLAS_DATA_DIR) / "nl" / "cbs").is_dir(),
        reason="the shared data folder (REGIOATLAS_DATA_DIR) is absent",
    ),
]


@pytest.mark.django_db
def test_real_geography_loads_and_reloads_unchanged():
    first = [loader() for loader in LOADERS]
    _check_counts(first)
    _check_amsterdam_and_regions()
    _check_reorganisations(first[2])
    second = [loader() for loader in LOADERS]
    assert [(r.name, r.created, r.updated) for r in second] == [(r.name, 0, 0) for r in second]


def _check_counts(reports):
    provinces, municipalities, reorganisations, regions = reports
    assert provinces.created == 12
    assert Province.objects.count() == 12
    assert municipalities.counts["municipalities created"] == 426
    assert Municipality.objects.filter(valid_on(timezone.localdate())).count() == 342
    for day, expected in {D(2015, 1, 1): 393, D(2016, 1, 1): 390, D(2022, 1, 1): 345}.items():
        assert municipalities.counts[f"valid on {day}"] == expected
    assert not [note for note in municipalities.notes if "MISMATCH" in note]
    assert reorganisations.created == 91
    assert Arrangement.objects.filter(division__slug="veiligheidsregios").count() == 25
    assert regions.counts["memberships created"] == 342
    assert not [note for note in regions.notes if "cross-check" in note]


def _check_amsterdam_and_regions():
    amsterdam = Municipality.objects.select_related("province").get(code="GM0363")
    assert (amsterdam.name, amsterdam.province.code) == ("Amsterdam", "PV27")
    region = Arrangement.objects.get(memberships__municipality=amsterdam, division__isnull=False)
    assert region.region_code == "VR13"
    assert Membership.objects.filter(arrangement__region_code="VR09").count() == 26
    assert Municipality.objects.get(code="GM1992").valid_from == D(2023, 1, 1)
    assert Municipality.objects.get(code="GM1966").boundaries.get(year=2022).valid_from == D(
        2019, 1, 1
    )


def _check_reorganisations(report):
    assert report.counts["crosswalk 2015: mismatches"] == 0, report.notes
    assert report.counts["crosswalk 2016: mismatches"] == 0, report.notes
    haaren = Municipality.objects.get(code="GM0788")
    assert haaren.valid_to == D(2021, 1, 1)
    assert set(descendants_today()["GM0788"]) == {"GM0865", "GM0824", "GM0855", "GM0757"}
    weesp = Reorganisation.objects.get(predecessor__code="GM0457")
    assert (weesp.successor.code, weesp.date, weesp.kind) == (
        "GM0363",
        D(2022, 3, 24),
        "toevoeging",
    )
    lineage = MunicipalityLineage.objects.get(ancestor__code="GM0457", descendant__code="GM0363")
    assert lineage.since == D(2022, 3, 24)
