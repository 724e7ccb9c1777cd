"""The loader of the newer division versions (sources.cbs_divisions): every
``nl/indelingen_<year>/`` folder in order of year, known files as their family, a file never
seen before with defaults, the list of regions as a check, the StatLine JSON by region name.
Small files written by the tests; municipalities from the factories (GM9901-GM9904)."""

from __future__ import annotations

import datetime
import json

import pytest

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.sources.base import ImportError_
from collaborations.sources.cbs_divisions import load_cbs_divisions
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
HEADER = "gemeentecode,gemeentenaam,regiocode,regionaam,overlap_aandeel\n"


@pytest.fixture
def folder(settings, tmp_path):
    settings.REGIOATLAS_DATA_DIR = tmp_path
    for i in range(1, 5):
        MunicipalityFactory(code=f"GM990{i}", name=f"Gemeente {i}")
    lineage_rebuild()
    root = tmp_path / "nl"
    (root / "indelingen_2025").mkdir(parents=True)
    (root / "indelingen_2026").mkdir()
    write(
        root / "indelingen_2025/jeugdregio_2025.csv",
        "GM9901,Gemeente 1,JZ01,Noord,1.0\nGM9902,Gemeente 2,JZ01,Noord,0.9\n"
        "GM9903,Gemeente 3,JZ02,Zuid,1.0\nGM9904,Gemeente 4,JZ02,Zuid,1.0\n",
    )
    write(
        root / "indelingen_2025/zorgkantoorregio_2025.csv",
        "GM9901,Gemeente 1,ZK01,Zorg Noord,1.0\nGM9902,Gemeente 2,ZK01,Zorg Noord,1.0\n"
        "GM9903,Gemeente 3,ZK01,Zorg Noord,1.0\nGM9904,Gemeente 4,ZK02,Zorg Zuid,1.0\n",
    )
    (root / "indelingen_2025/regios_2025.csv").write_text(
        "indeling,regiocode,regionaam,aantal_gemeenten\n"
        "jeugdregio,JZ01,Noord,2\njeugdregio,JZ02,Zuid,3\n",
        encoding="utf-8",
    )
    document = {
        "_bron": {"tabel": "86247NED"},
        "gemeenten": {"9901": "Noord", "9902": "Zuid", "9903": "Zuid", "9904": "Zuid"},
    }
    (root / "indelingen_2026/arbeidsmarktregio_gemeente_86247NED.json").write_text(
        json.dumps(document), encoding="utf-8"
    )
    write(
        root / "indelingen_2025/arbeidsmarktregio_2025.csv",
        "GM9901,Gemeente 1,AM01,Noord,1.0\nGM9902,Gemeente 2,AM02,Zuid,1.0\n"
        "GM9903,Gemeente 3,AM02,Zuid,1.0\nGM9904,Gemeente 4,AM02,Zuid,1.0\n",
    )
    return root


def write(path, rows: str) -> None:
    path.write_text(HEADER + rows, encoding="utf-8")


def test_known_and_unknown_files_load_as_versions(folder):
    report = load_cbs_divisions()

    jeugd = Division.objects.get(slug="jeugdregios")
    assert (jeugd.name, jeugd.kind, jeugd.domain) == ("Jeugdregio's", "samenwerking", "sociaal")
    assert jeugd.source.slug == "cbs-indelingen-2025"
    noord = Arrangement.objects.get(division=jeugd, region_code="JZ01")
    assert (noord.name, noord.start_date, noord.source_reference) == (
        "Jeugdregio Noord",
        datetime.date(2025, 1, 1),
        "jeugdregio_2025.csv:JZ01",
    )
    assert list(noord.themes.values_list("slug", flat=True)) == ["jeugd"]
    # a file never seen before: slug and name from its file name, defaults for the rest
    zorg = Division.objects.get(slug="zorgkantoorregio")
    assert (zorg.name, zorg.kind, zorg.domain) == ("Zorgkantoorregio", "samenwerking", "bestuur")
    assert Arrangement.objects.filter(division=zorg).count() == 2
    assert any("zorgkantoorregio_2025.csv: a division not seen before" in n for n in report.notes)
    # the list of regions disagrees on JZ02 (3 municipalities there, 2 in the file)
    assert any("JZ02 is ('Zuid', 2) in the file, ('Zuid', 3)" in n for n in report.notes)
    assert report.counts["regions jeugdregios 2025"] == 2


def test_the_statline_table_continues_regions_by_name_and_keeps_their_codes(folder):
    report = load_cbs_divisions()

    arbeid = Division.objects.get(slug="arbeidsmarktregios")
    versions = list(arbeid.versions.values_list("valid_from", "label"))
    assert versions == [(datetime.date(2025, 1, 1), "2025"), (datetime.date(2026, 1, 1), "2026")]
    assert sorted(arbeid.regions.values_list("region_code", "short_name")) == [
        ("AM01", "Noord"),
        ("AM02", "Zuid"),
    ]
    assert any(
        "arbeidsmarktregios 2026 (from 2026-01-01): 2 regions, 2 continued" in n
        for n in report.notes
    )
    assert not Membership.objects.filter(valid_from=datetime.date(2026, 1, 1)).exists()


def test_a_second_run_changes_nothing(folder):
    first = load_cbs_divisions()
    counts = (
        Arrangement.objects.count(),
        Membership.objects.count(),
        DivisionVersion.objects.count(),
    )

    second = load_cbs_divisions()

    assert first.created > 0
    assert (second.created, second.updated) == (0, 0)
    assert counts == (
        Arrangement.objects.count(),
        Membership.objects.count(),
        DivisionVersion.objects.count(),
    )


def test_a_region_that_changes_in_2026_moves_its_municipality(folder):
    document = {"gemeenten": {"9901": "Noord", "9902": "Noord", "9903": "Zuid", "9904": "Zuid"}}
    path = folder / "indelingen_2026/arbeidsmarktregio_gemeente_86247NED.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    report = load_cbs_divisions()

    assert "  moved: Gemeente 2 (GM9902): Zuid -> Noord" in report.notes
    version = DivisionVersion.objects.get(division__slug="arbeidsmarktregios", label="2026")
    assert version.report["verhuisd"] == [
        {"code": "GM9902", "naam": "Gemeente 2", "van": ["Zuid"], "naar": ["Noord"]}
    ]


@pytest.mark.parametrize(
    ("name", "row", "message"),
    [
        ("jeugdregio_2025.csv", "GM99,Gemeente,JZ01,Noord,1\n", "line 6: gemeentecode 'GM99'"),
        ("jeugdregio_2025.csv", "GM9901,Gemeente 1,JZ01,Anders,1\n", "line 6: JZ01 is also named"),
    ],
)
def test_a_bad_row_stops_the_load_and_writes_nothing(folder, name, row, message):
    path = folder / "indelingen_2025" / name
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")

    with pytest.raises(ImportError_, match=message):
        load_cbs_divisions()

    assert not Division.objects.exists()
    assert not Arrangement.objects.exists()


def test_a_bad_statline_table_names_the_file(folder):
    path = folder / "indelingen_2026/arbeidsmarktregio_gemeente_86247NED.json"
    path.write_text('{"gemeenten": ["9901"]}', encoding="utf-8")
    with pytest.raises(ImportError_, match=r"86247NED\.json: expected"):
        load_cbs_divisions()
