"""Fixtures of the importer tests: the sample files of tests/data/arr/ (same relative paths
as shared/data) as the data folder, and their municipalities and provinces."""

import datetime
import shutil
from pathlib import Path

import pytest

from tests.factories import (
    MunicipalityFactory,
    ProvinceFactory,
)

FIXTURES = Path(__file__).resolve().parent.parent.parent / "data" / "arr"
REGIOATLAS = "nl/regioatlas_2016/regioatlas_2016_long.csv"
OPENGR = "nl/samenwerking/opengr_provincies_2015.csv"
DSTA = "nl/samenwerking/gemeenschappelijke_regelingen_dsta_partial.csv"


@pytest.fixture
def data_dir(settings, tmp_path):
    """A copy of the sample files as REGIOATLAS_DATA_DIR (tests may break the copy); nothing
    is ever downloaded."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    settings.REGIOATLAS_DATA_DIR = target
    settings.REGIOATLAS_CACHE_DIR = tmp_path / "cache"
    return target


@pytest.fixture
def geography(db):
    """The municipalities and provinces of the sample files."""
    drenthe = ProvinceFactory(code="PV22", name="Drenthe")
    fryslan = ProvinceFactory(code="PV21", name="Fryslân")
    holland = ProvinceFactory(code="PV27", name="Noord-Holland")
    brabant = ProvinceFactory(code="PV30", name="Noord-Brabant")
    limburg = ProvinceFactory(code="PV31", name="Limburg")
    zuid_holland = ProvinceFactory(code="PV28", name="Zuid-Holland")
    municipalities = {
        code: MunicipalityFactory(code=code, name=name, province=province, **extra)
        for code, name, province, extra in [
            ("GM1680", "Aa en Hunze", drenthe, {}),
            ("GM0106", "Assen", drenthe, {}),
            ("GM0080", "Leeuwarden", fryslan, {}),
            ("GM1900", "Súdwest-Fryslân", fryslan, {}),
            ("GM0518", "'s-Gravenhage", zuid_holland, {}),
            ("GM0788", "Haaren", brabant, {"valid_to": datetime.date(2021, 1, 1)}),
            ("GM0893", "Bergen (L.)", limburg, {}),
            ("GM0373", "Bergen (NH.)", holland, {}),
        ]
    }
    return municipalities
