"""The synthetic country (collaborations/sources/synthetic.py): refused in a database that is
not synthetic, so it can never overwrite real data. (Its output is measured by
bench/bench_scale.py.)"""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from collaborations.arrangements.models import Arrangement, DataSource
from collaborations.geography.models import Municipality
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_refused_in_a_database_that_is_not_synthetic():
    MunicipalityFactory(code="GM0363", name="Amsterdam")
    with pytest.raises(CommandError, match="synthetic"):
        call_command("synthetic_country", "--municipalities", "100", "--arrangements", "10")
    assert list(Municipality.objects.values_list("code", flat=True)) == ["GM0363"]


def test_generated_in_a_synthetic_database(settings, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "test_regioatlas_synthetic")
    call_command("synthetic_country", "--municipalities", "100", "--arrangements", "20")
    assert Municipality.objects.count() == 100
    assert not Municipality.objects.exclude(name__startswith="SYNTHETIC").exists()
    assert DataSource.objects.get(slug="synthetic").name == "SYNTHETIC \u2013 generated, not real"
    assert Arrangement.objects.filter(footprint__isnull=False).count() == 20
