"""Geography loaders on the mini data folder tests/data/geo (see its README for the story and
the fixed squares near Utrecht)."""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from collaborations.arrangements.models import Arrangement, DataSource, Membership
from collaborations.divisions.models import Division
from collaborations.geography.models import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
    Reorganisation,
)
from collaborations.sources import base
from collaborations.sources.base import ImportError_
from collaborations.sources.geo_common import valid_on
from collaborations.sources.geo_municipalities import (
    boundary_versions,
    load_municipalities,
    load_provinces,
)
from collaborations.sources.geo_reorganisations import load_reorganisations
from collaborations.sources.geo_veiligheidsregios import load_veiligheidsregios

FIXTURES = Path(__file__).parent.parent / "data" / "geo"
D = datetime.date

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path, monkeypatch):
    """The mini data folder; never download anything in these tests."""
    settings.REGIOATLAS_DATA_DIR = FIXTURES
    settings.REGIOATLAS_CACHE_DIR = tmp_path / "cache"

    def no_download(url, target):
        raise AssertionError(f"tests must not download {url}")

    monkeypatch.setattr(base, "_download", no_download)
    return FIXTURES


@pytest.fixture
def copy_dir(settings, tmp_path):
    """A writable copy of the mini data folder, made the data folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    settings.REGIOATLAS_DATA_DIR = target
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def valid(queryset, day):
    return queryset.filter(valid_on(day))


def load_geography():
    return load_provinces(), load_municipalities()


# --- provinces ----------------------------------------------------------------------------


def test_provinces_created_then_unchanged():
    first = load_provinces()
    assert (first.created, first.updated) == (2, 0)
    utrecht = Province.objects.get(code="PV26")
    assert utrecht.name == "Utrecht"
    assert utrecht.geom.geom_type == "MultiPolygon"  # the file has a Polygon
    assert utrecht.geom.srid == 4326
    assert Province.objects.get(code="PV27").geom.num_geom == 2
    second = load_provinces()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    source = DataSource.objects.get(slug="cbs-provincie-2024")
    assert source.licence == "CC BY 4.0"
    assert source.url.startswith("https://api.pdok.nl/cbs/gebiedsindelingen/")


def test_province_name_change_is_an_update(copy_dir):
    load_provinces()
    edit(copy_dir / "nl/cbs/2024/provincie.geojson", '"Utrecht"', '"Provincie Utrecht"')
    report = load_provinces()
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Province.objects.get(code="PV26").name == "Provincie Utrecht"


# --- municipalities -----------------------------------------------------------------------


def test_municipalities_counts_and_idempotency():
    load_provinces()
    first = load_municipalities()
    # 8 municipalities (7 in layers + GM0005 without geometry) and 17 boundary versions
    assert first.counts["municipalities created"] == 8
    assert first.counts["boundaries created"] == 17
    assert (first.created, first.updated) == (25, 0)
    assert first.counts["layer 2015 municipalities"] == 6
    assert first.counts["layer 2022 municipalities"] == 3
    assert first.counts["valid on 2016-01-01"] == 6
    assert first.counts["valid on 2024-01-01"] == 2
    assert not [note for note in first.notes if "MISMATCH" in note]
    second = load_municipalities()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 25)
    assert {s.slug for s in DataSource.objects.all()} >= {
        "cbs-gemeente-2015",
        "cbs-gemeente-2016",
        "cbs-gemeente-2022",
        "cbs-gemeente-2024",
        "herindelingen-2015-2026",
        "rvig-tabel33",
        "cbs-koppeltabel-2024",
    }


def test_municipality_attributes():
    load_geography()
    by_code = Municipality.objects.select_related("province").in_bulk(field_name="code")
    oudstad, klein, west = by_code["GM0001"], by_code["GM0002"], by_code["GM0003"]
    # Tabel 33 start date; a toevoeging successor keeps it
    assert (oudstad.valid_from, oudstad.valid_to) == (D(1970, 1, 1), None)
    assert oudstad.province.code == "PV26"  # from the koppeltabel
    # most recent layer's name; end date from the herindelingen
    assert (klein.name, klein.valid_from, klein.valid_to) == ("Kleindorp", None, D(2019, 1, 1))
    assert west.province.code == "PV27"  # historical: from the 2015/2016 layer
    # new code not in Tabel 33: valid_from from the samenvoeging date
    assert by_code["GM1990"].valid_from == D(2018, 1, 1)
    # abolished before the oldest layer: no geometry, province of its successor
    gone = by_code["GM0005"]
    assert (gone.geom, gone.valid_to, gone.province.code) == (None, D(2015, 1, 1), "PV26")
    assert gone.name == "Verdwenen"


def test_features_sharing_a_code_are_merged_and_polygons_wrapped():
    _, report = load_geography()
    oudstad = Municipality.objects.get(code="GM0001")
    # the two 2024 features (cells 0-1 and 2 of row 0) form one square-edged rectangle
    assert oudstad.geom.geom_type == "MultiPolygon"
    assert oudstad.geom.num_geom == 1
    assert oudstad.geom.area == pytest.approx(3 * 0.05 * 0.05)
    assert any("2 features share this code; merged" in note for note in report.notes)
    nieuwland = Municipality.objects.get(code="GM1990")  # a Polygon in the file
    assert nieuwland.geom.geom_type == "MultiPolygon"
    assert nieuwland.geom.area == pytest.approx(5 * 0.05 * 0.05)


def test_invalid_geometry_is_repaired_and_noted():
    _, report = load_geography()
    bowtie = MunicipalityBoundary.objects.get(municipality__code="GM0007", year=2016)
    assert bowtie.geom.valid
    assert bowtie.geom.num_geom == 2  # the two triangles of the bow-tie
    assert bowtie.geom.area == pytest.approx(0.05 * 0.05 / 2)
    assert any("GM0007" in note and "invalid geometry repaired" in note for note in report.notes)


def test_boundary_versions_and_validity():
    load_geography()
    rows = MunicipalityBoundary.objects.filter(municipality__code="GM1990").order_by("year")
    assert [(b.year, b.valid_from, b.valid_to) for b in rows] == [
        (2022, D(2018, 1, 1), D(2024, 1, 1)),
        (2024, D(2024, 1, 1), None),
    ]
    rows = MunicipalityBoundary.objects.filter(municipality__code="GM0007").order_by("year")
    assert [(b.year, b.valid_from, b.valid_to) for b in rows] == [
        (2015, None, D(2016, 1, 1)),
        (2016, D(2016, 1, 1), D(2022, 1, 1)),
        (2022, D(2022, 1, 1), D(2022, 3, 24)),  # clipped to the municipality
    ]
    first = MunicipalityBoundary.objects.get(municipality__code="GM0001", year=2015)
    assert first.valid_from == D(1970, 1, 1)


@pytest.mark.parametrize(
    ("day", "codes"),
    [
        (D(2015, 6, 1), {"GM0001", "GM0002", "GM0003", "GM0004", "GM0006", "GM0007"}),
        (D(2019, 6, 1), {"GM0001", "GM0006", "GM0007", "GM1990"}),
        (D(2022, 3, 23), {"GM0001", "GM0007", "GM1990"}),
        (D(2022, 3, 24), {"GM0001", "GM1990"}),
        (D(2030, 1, 1), {"GM0001", "GM1990"}),
    ],
)
def test_map_of_a_day(day, codes):
    load_geography()
    boundaries = valid(MunicipalityBoundary.objects.all(), day)
    assert set(boundaries.values_list("municipality__code", flat=True)) == codes
    assert boundaries.count() == len(codes)  # one version per municipality
    assert set(valid(Municipality.objects.all(), day).values_list("code", flat=True)) == codes


def test_boundary_versions_function():
    assert boundary_versions([2015, 2016], None, D(2019, 1, 1)) == [
        (2015, None, D(2016, 1, 1)),
        (2016, D(2016, 1, 1), D(2019, 1, 1)),
    ]
    # a layer after the end is dropped; the first version starts with the municipality
    assert boundary_versions([2022, 2024], D(2019, 1, 1), D(2023, 1, 1)) == [
        (2022, D(2019, 1, 1), D(2023, 1, 1))
    ]


def test_unknown_province_raises_naming_the_row_and_changes_nothing(copy_dir):
    load_geography()
    edit(copy_dir / "nl/cbs/2024/gemeente.geojson", '"Nieuwland"', '"Nieuwer Land"')
    edit(
        copy_dir / "nl/cbs/2024/gemeente_provincie_veiligheidsregio.csv",
        "GM1990,Nieuwland,PV26",
        "GM1990,Nieuwland,PV99",
    )
    with pytest.raises(ImportError_, match=r"gemeente_provincie_veiligheidsregio\.csv row 3.*PV99"):
        load_municipalities()
    assert Municipality.objects.get(code="GM1990").name == "Nieuwland"


def test_bad_code_raises_naming_the_feature(copy_dir):
    load_provinces()
    edit(copy_dir / "nl/cbs/2022/gemeente.geojson", '"statcode": "GM0007"', '"statcode": "GM07"')
    with pytest.raises(ImportError_, match=r"2022/gemeente\.geojson feature 3 .*GM07"):
        load_municipalities()
    assert not Municipality.objects.exists()
    assert not MunicipalityBoundary.objects.exists()


def test_missing_derived_layer_is_noted(copy_dir):
    (copy_dir / "nl/cbs/2015/gemeente.geojson").unlink()
    load_provinces()
    report = load_municipalities()
    assert any("missing derived table nl/cbs/2015/gemeente.geojson" in n for n in report.notes)
    assert not MunicipalityBoundary.objects.filter(year=2015).exists()
    assert MunicipalityBoundary.objects.filter(year=2016).count() == 6


# --- reorganisations ----------------------------------------------------------------------


def test_reorganisations_and_lineage():
    load_geography()
    first = load_reorganisations()
    assert (first.created, first.updated) == (7, 0)
    split = Reorganisation.objects.get(predecessor__code="GM0006", successor__code="GM1990")
    assert (split.kind, split.is_main_successor, str(split.area_share)) == (
        "opsplitsing",
        False,
        "0.400",
    )
    assert split.date == D(2021, 1, 1)
    assert Reorganisation.objects.get(predecessor__code="GM0005").area_share is None
    assert first.counts["crosswalk 2015: mismatches"] == 0, first.notes
    assert first.counts["crosswalk 2016: codes checked"] == 6
    lineage = MunicipalityLineage.objects.get(ancestor__code="GM0007", descendant__code="GM1990")
    assert lineage.since == D(2022, 3, 24)
    second = load_reorganisations()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 7)


def test_crosswalk_mismatch_is_reported_not_raised(copy_dir):
    edit(
        copy_dir / "nl/cbs/gemeente_2015_naar_2024.csv",
        "GM0002,Klein,GM0001,Oudstad",
        "GM0002,Klein,GM1990,Nieuwland",
    )
    load_geography()
    report = load_reorganisations()
    assert report.counts["crosswalk 2015: mismatches"] == 1
    assert any("crosswalk 2015 mismatch: GM0002" in note for note in report.notes)


def test_bad_reorganisation_row_changes_nothing(copy_dir):
    load_geography()
    edit(copy_dir / "nl/cbs/herindelingen_2015_2026.csv", "GM0004,Oostdorp", "GM0099,Oostdorp")
    with pytest.raises(ImportError_, match=r"herindelingen_2015_2026\.csv row 4: unknown .*GM0099"):
        load_reorganisations()
    assert not Reorganisation.objects.exists()


# --- veiligheidsregio's -------------------------------------------------------------------


def test_veiligheidsregios():
    load_geography()
    first = load_veiligheidsregios()
    # division, its version, regions, members
    assert (first.created, first.updated) == (1 + 1 + 2 + 2, 0)
    division = Division.objects.get(slug="veiligheidsregios")
    assert (division.domain, division.kind) == ("sociaal", "samenwerking")
    version = division.versions.get()
    assert (version.valid_from, version.label) == (datetime.date(2024, 1, 1), "2024")
    assert division.source.slug == version.source.slug == "cbs-koppeltabel-2024"
    utrecht = Arrangement.objects.get(region_code="VR09")
    assert utrecht.name == "Veiligheidsregio Utrecht"
    assert (utrecht.short_name, utrecht.slug) == ("Utrecht", "veiligheidsregio-utrecht")
    assert (utrecht.legal_form_family, utrecht.legal_form) == ("wgr", "openbaar-lichaam")
    assert utrecht.is_mandatory is True
    assert utrecht.source_reference == "VR09"
    assert list(utrecht.themes.values_list("slug", flat=True)) == ["veiligheid"]
    member = Membership.objects.get(arrangement=utrecht)
    assert (member.municipality.code, member.role, member.name_as_recorded) == (
        "GM0001",
        "deelnemer",
        "Oudstad",
    )
    assert not [note for note in first.notes if "cross-check" in note]
    second = load_veiligheidsregios()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 6)
    assert Membership.objects.count() == 2


def test_member_moved_to_another_region(copy_dir):
    load_geography()
    load_veiligheidsregios()
    edit(
        copy_dir / "nl/cbs/2024/gemeente_provincie_veiligheidsregio.csv",
        "VR10,Noord-Holland Noord",
        "VR09,Utrecht",
    )
    report = load_veiligheidsregios()
    assert report.counts["memberships created"] == 1
    assert any("removed 1 memberships" in note and "VR10: GM1990" in note for note in report.notes)
    # VR10 has no members left; it is listed no more, and ends on the day it began
    assert any("no longer listed: Noord-Holland Noord" in note for note in report.notes)
    assert any("cross-check: VR09 has other members" in note for note in report.notes)
    assert set(
        Membership.objects.filter(arrangement__region_code="VR09").values_list(
            "municipality__code", flat=True
        )
    ) == {"GM0001", "GM1990"}
    assert not Membership.objects.filter(arrangement__region_code="VR10").exists()


def test_unknown_member_rolls_back_the_whole_load(copy_dir):
    load_geography()
    path = copy_dir / "nl/cbs/2024/gemeente_provincie_veiligheidsregio.csv"
    path.write_text(path.read_text() + "GM0999,Onbekend,PV26,Utrecht,VR09,Utrecht\n")
    with pytest.raises(ImportError_, match=r"veiligheidsregio\.csv row 4: unknown municipality"):
        load_veiligheidsregios()
    assert not Division.objects.exists()
    assert not Arrangement.objects.exists()


# --- the load command ---------------------------------------------------------------------


def test_load_command_runs_the_geography_steps():
    out = io.StringIO()
    for step in ("provinces", "municipalities", "reorganisations", "veiligheidsregios"):
        call_command("load", "--only", step, stdout=out)
    text = out.getvalue()
    assert "== provincies (CBS 2024): 2 created" in text
    assert "== summary" in text
    assert "veiligheidsregios: 6 created" in text


def test_load_command_skips_a_missing_derived_table(copy_dir):
    (copy_dir / "nl/cbs/herindelingen_2015_2026.csv").unlink()
    out = io.StringIO()
    call_command("load", "--only", "reorganisations", stdout=out)
    assert "SKIPPED, missing derived table" in out.getvalue()
    assert "nl/cbs/herindelingen_2015_2026.csv" in out.getvalue()


def test_load_command_raises_command_error_naming_the_row(copy_dir):
    edit(copy_dir / "nl/cbs/2024/provincie.geojson", '"PV27"', '"P27"')
    with pytest.raises(CommandError, match=r"provincie\.geojson feature 2"):
        call_command("load", "--only", "provinces", stdout=io.StringIO())
    assert not Province.objects.exists()


def test_import_commands():
    out = io.StringIO()
    call_command("import_boundaries", stdout=out)
    call_command("import_reorganisations", stdout=out)
    call_command("import_veiligheidsregios", stdout=out)
    assert Municipality.objects.count() == 8
    assert Reorganisation.objects.count() == 7
    assert Arrangement.objects.filter(division__slug="veiligheidsregios").count() == 2


def test_step_whose_module_has_not_landed_is_skipped():
    from collaborations.management.commands.load import Step, resolve

    assert resolve(Step("x", "collaborations.sources.not_there_yet", "load_x", "")) is None
    assert resolve(Step("x", "collaborations.sources.geography", "not_there_yet", "")) is None
    assert resolve(Step("x", "collaborations.sources.geography", "load_provinces", ""))
