"""Importers of the BZK Regioatlas 2016 divisions and the OpenGR 2015 regelingen, on the
sample files in tests/data/arr/ (same relative paths as shared/data)."""

import datetime
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from collaborations.arrangements.models import Arrangement, DataSource, Membership, Organisation
from collaborations.divisions.models import Division
from collaborations.sources.base import ImportError_
from collaborations.sources.division_families import REGIOATLAS_2016
from collaborations.sources.dsta import load_dsta_gr_codes
from collaborations.sources.opengr import load_opengr_2015
from collaborations.sources.regioatlas import load_regioatlas_2016
from tests.factories import (
    DivisionFactory,
    DivisionVersionFactory,
    MunicipalityFactory,
    ProvinceFactory,
)

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "arr"
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


def _members(arrangement):
    return sorted(
        (m.municipality.code, m.role, m.name_as_recorded)
        for m in arrangement.memberships.select_related("municipality")
    )


# --- BZK Regioatlas 2016 -------------------------------------------------------------------


@pytest.mark.django_db
def test_regioatlas_creates_divisions_regions_and_memberships(data_dir, geography):
    report = load_regioatlas_2016()

    assert report.counts["divisions"] == 5
    assert report.counts["regions coropregios"] == 3
    # one family per file (sources.division_families), each with its version of 2016
    assert sorted(Division.objects.values_list("slug", flat=True)) == [
        "centrumgemeenten-mo-bw",
        "corop-gebieden",
        "omgevingsdiensten",
        "passend-onderwijs-po",
        "veiligheidsregios",
    ]
    vr = Division.objects.get(slug="veiligheidsregios")
    version = vr.versions.get()
    assert (vr.name, version.valid_from, version.label, vr.domain, vr.kind) == (
        "Veiligheidsregio's",
        datetime.date(2016, 1, 1),
        "2016",
        "sociaal",
        "samenwerking",
    )
    assert vr.source.slug == version.source.slug == "bzk-regioatlas-2016"
    assert vr.source.licence == "ODC-PDDL-1.0"
    drenthe = Arrangement.objects.get(division=vr, short_name="Drenthe")
    assert drenthe.name == "Veiligheidsregio Drenthe"
    assert drenthe.slug == "veiligheidsregio-drenthe"
    assert drenthe.source_reference == "veiligheidsregios.csv:Drenthe"
    assert (drenthe.start_date, drenthe.end_date) == (datetime.date(2016, 1, 1), None)
    assert _members(drenthe) == [
        ("GM0106", "deelnemer", "Assen"),
        ("GM1680", "deelnemer", "Aa en Hunze"),
    ]
    # members by code, as of 2016: Haaren stays Haaren
    brabant = Arrangement.objects.get(division=vr, short_name="Midden- en West-Brabant")
    assert _members(brabant) == [("GM0788", "deelnemer", "Haaren")]
    corop = Division.objects.get(slug="corop-gebieden")
    assert (corop.domain, corop.kind) == ("bestuur", "statistisch")
    assert report.counts["memberships"] == 15


@pytest.mark.django_db
def test_regioatlas_allows_a_municipality_in_two_regions_of_one_division(data_dir, geography):
    load_regioatlas_2016()

    assen = geography["GM0106"]
    regions = Membership.objects.filter(
        municipality=assen, arrangement__division__slug="corop-gebieden"
    ).values_list("arrangement__short_name", flat=True)
    assert sorted(regions) == ["Noord-Drenthe", "Zuidoost-Drenthe"]


@pytest.mark.django_db
def test_regioatlas_legal_forms_and_themes_per_division(data_dir, geography):
    load_regioatlas_2016()

    def region(stem):
        family = REGIOATLAS_2016[stem]
        return Arrangement.objects.filter(division__slug=family).first()

    vr = region("veiligheidsregios")
    assert (vr.legal_form_family, vr.legal_form, vr.is_mandatory) == (
        "wgr",
        "openbaar-lichaam",
        True,
    )
    assert [t.slug for t in vr.themes.all()] == ["veiligheid"]
    od = region("omgevingsdienstenregionaleuitvoeringsdiensten")
    assert (od.legal_form_family, od.legal_form, od.is_mandatory) == (
        "wgr",
        "openbaar-lichaam",
        True,
    )
    assert od.name == "Regionale Uitvoeringsdienst Drenthe"
    po = region("passendonderwijsprimaironderwijs")
    assert (po.legal_form_family, po.legal_form, po.is_mandatory) == ("privaatrechtelijk", "", True)
    corop = region("coropregios")
    assert (corop.legal_form_family, corop.legal_form, corop.is_mandatory) == ("netwerk", "", None)
    assert [t.slug for t in corop.themes.all()] == ["statistiek"]
    assert "BZK Regioatlas 2016" in corop.provenance_note


@pytest.mark.django_db
def test_regioatlas_marks_the_centrumgemeente(data_dir, geography):
    load_regioatlas_2016()

    family = REGIOATLAS_2016["centrumgemeentemaatschappelijkeopvangbeschermdwonen"]
    assen = Arrangement.objects.get(division__slug=family, short_name="Assen")
    assert _members(assen) == [
        ("GM0106", "centrumgemeente", "Assen"),
        ("GM1680", "deelnemer", "Aa en Hunze"),
    ]
    # "Den Haag" is the region of the centrumgemeente 's-Gravenhage
    haag = Arrangement.objects.get(division__slug=family, short_name="Den Haag")
    assert _members(haag) == [("GM0518", "centrumgemeente", "'s-Gravenhage")]


@pytest.mark.django_db
def test_regioatlas_reports_unknown_codes(data_dir, geography):
    report = load_regioatlas_2016()

    assert len(report.unmatched) == 1
    assert "GM9999" in report.unmatched[0]
    assert "Nergenshuizen" in report.unmatched[0]
    assert "line 17" in report.unmatched[0]


@pytest.mark.django_db
def test_regioatlas_is_idempotent(data_dir, geography):
    first = load_regioatlas_2016()
    counts = (Division.objects.count(), Arrangement.objects.count(), Membership.objects.count())

    second = load_regioatlas_2016()

    assert first.created > 0
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert counts == (
        Division.objects.count(),
        Arrangement.objects.count(),
        Membership.objects.count(),
    )


@pytest.mark.django_db
def test_regioatlas_follows_changes_in_the_file(data_dir, geography):
    load_regioatlas_2016()
    path = data_dir / REGIOATLAS
    lines = path.read_text(encoding="utf-8").splitlines()
    # Aa en Hunze moves from veiligheidsregio Drenthe to Fryslân; COROP Noord-Friesland goes
    lines[1] = lines[1].replace("Aa en Hunze,Drenthe,488611", "Aa en Hunze,Fryslân,646040")
    lines = [line for line in lines if "Noord-Friesland" not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = load_regioatlas_2016()

    # a corrected file of the same version: the membership it had made is deleted and the
    # region that is no longer listed ends on the day it began (kept, never in force)
    # created: Aa en Hunze in Fryslân; updated: the memberships of Aa en Hunze in Drenthe and of
    # Leeuwarden in Noord-Friesland (deleted), Noord-Friesland (ended), the reports of the
    # versions of the COROP regions and the omgevingsdiensten (whose unknown code moved a line)
    assert (report.created, report.updated) == (1, 5)
    assert (report.counts["memberships created"], report.counts["memberships updated"]) == (1, 2)
    fryslan = Arrangement.objects.get(source_reference="veiligheidsregios.csv:Fryslân")
    assert [code for code, _, _ in _members(fryslan)] == ["GM0080", "GM1680"]
    noord = Arrangement.objects.get(source_reference="coropregios.csv:Noord-Friesland")
    assert noord.start_date == noord.end_date == datetime.date(2016, 1, 1)
    assert not noord.memberships.exists()
    assert (
        "veiligheidsregios 2016: removed 1 memberships of this version no longer in the file: Drenthe: GM1680"
        in report.notes
    )
    assert "  no longer listed: Noord-Friesland" in report.notes


@pytest.mark.django_db
def test_regioatlas_2016_is_the_first_version_of_the_veiligheidsregios(data_dir, geography):
    """The 2016 veiligheidsregio's and those of 2024 are one family: loaded after 2024, the
    2016 version is refused (versions are loaded in date order, manage.py load does so)."""
    current = DivisionFactory(slug="veiligheidsregios", name="Veiligheidsregio's")
    DivisionVersionFactory(division=current, valid_from=datetime.date(2024, 1, 1))

    with pytest.raises(ImportError_, match=r"veiligheidsregios: version 2016 .* newer version"):
        load_regioatlas_2016()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("gemeentecode", "code", "missing column(s) gemeentecode"),
        ("GM0106,Assen,Drenthe", "106,Assen,Drenthe", "line 3: gemeentecode '106'"),
        ("veiligheidsregios.csv", "onbekend.csv", "line 2: unknown indeling 'onbekend.csv'"),
    ],
)
def test_regioatlas_rejects_bad_input_and_writes_nothing(data_dir, geography, old, new, message):
    path = data_dir / REGIOATLAS
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    with pytest.raises(ImportError_) as error:
        load_regioatlas_2016()

    assert REGIOATLAS in str(error.value)
    assert message in str(error.value)
    assert not Division.objects.exists()
    assert not Arrangement.objects.exists()
    assert not DataSource.objects.exists()


# --- OpenGR 2015 ---------------------------------------------------------------------------


def _opengr_members(name):
    arrangement = Arrangement.objects.get(source__slug="opengr-provincies-2015", name=name)
    members = []
    for m in arrangement.memberships.select_related("municipality", "province", "organisation"):
        if m.municipality:
            members.append(("municipality", m.municipality.code))
        elif m.province:
            members.append(("province", m.province.code))
        else:
            members.append((m.organisation.kind, m.organisation.name))
    return sorted(members)


@pytest.mark.django_db
def test_opengr_creates_regelingen_with_members(data_dir, geography):
    report = load_opengr_2015()

    assert report.counts["regelingen"] == 7
    assert report.counts["rows"] == 18
    assert report.counts["repeated rows dropped"] == 2  # Assen twice; Den Haag = s Gravenhage
    art = Arrangement.objects.get(name="Afvalbeheer Regio Test (ART)")
    assert (art.legal_form_family, art.legal_form, art.is_mandatory) == ("wgr", "", None)
    assert (art.short_name, art.source_reference) == ("ART", "Afvalbeheer Regio Test (ART)")
    assert (art.start_date, art.end_date, art.publication_status) == (None, None, "gepubliceerd")
    assert [t.slug for t in art.themes.all()] == ["afval"]
    assert "afgeleid uit trefwoorden in de naam" in art.provenance_note
    assert _opengr_members("Afvalbeheer Regio Test (ART)") == [
        ("municipality", "GM0106"),
        ("municipality", "GM1680"),  # "Gemeente Aa en Hunze"
        ("waterschap", "Waterschap Hunze en Aa's"),
    ]
    vr = Arrangement.objects.get(name="Veiligheidsregio Drenthe")
    assert vr.is_mandatory is True
    assert [t.slug for t in vr.themes.all()] == ["veiligheid"]
    assert ("province", "PV22") in _opengr_members("Veiligheidsregio Drenthe")


@pytest.mark.django_db
def test_opengr_matches_names_with_variants(data_dir, geography):
    load_opengr_2015()

    # "Den Haag" and "s Gravenhage" are one member, 's-Gravenhage
    assert ("municipality", "GM0518") in _opengr_members("Regionale Dienst Test")
    assert len([m for m in _opengr_members("Regionale Dienst Test") if m[0] == "municipality"]) == 1
    # mojibake and diacritics; province, the Rijk and another regeling as members
    assert _opengr_members("Muziekschool Fryslân") == [
        ("gemeenschappelijke-regeling", "Recreatieschap Drenthe"),
        ("municipality", "GM1900"),
        ("province", "PV21"),
        ("rijk", "Ministerie van Onderwijs, Cultuur en Wetenschap"),
    ]
    # the 2015 municipality as recorded, not today's
    assert _opengr_members("Werkvoorzieningschap De Dommel (WSD)") == [("municipality", "GM0788")]
    # "Bergen" in a Noord-Holland regeling is Bergen (NH.)
    assert _opengr_members("Recreatieschap Geestmerambacht") == [("municipality", "GM0373")]


@pytest.mark.django_db
def test_opengr_keeps_and_reports_unmatched_members(data_dir, geography):
    report = load_opengr_2015()

    unknown = Organisation.objects.get(name="Zevenaar Beuningen")
    assert unknown.kind == "onbekend"
    assert ("onbekend", "Zevenaar Beuningen") in _opengr_members("Regionale Dienst Test")
    assert any(
        "line 11" in item and "'Zevenaar Beuningen'" in item and "Regionale Dienst Test" in item
        for item in report.unmatched
    )
    # "Bergen" without a Dutch province is ambiguous: kept and reported, not guessed
    bergen = [item for item in report.unmatched if "'Bergen'" in item]
    assert len(bergen) == 1
    assert "ambiguous" in bergen[0]
    assert _opengr_members("Euregio Rijn-Waal") == [
        ("onbekend", "Bergen"),
        ("overheid-overig", "Kleef (Duitsland)"),
    ]
    assert report.counts["memberships of a municipality"] == 8


@pytest.mark.django_db
def test_opengr_is_idempotent(data_dir, geography):
    first = load_opengr_2015()
    counts = (Arrangement.objects.count(), Membership.objects.count(), Organisation.objects.count())

    second = load_opengr_2015()

    assert first.created > 0
    assert (second.created, second.updated) == (0, 0)
    assert counts == (
        Arrangement.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
    )


@pytest.mark.django_db
def test_opengr_rejects_a_file_without_a_column_and_writes_nothing(data_dir, geography):
    path = data_dir / OPENGR
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Deelnemer,", "Lid,", 1), encoding="utf-8")

    with pytest.raises(ImportError_, match=r"opengr_provincies_2015\.csv.*Deelnemer"):
        load_opengr_2015()

    assert not Arrangement.objects.exists()
    assert not Organisation.objects.exists()
    assert not DataSource.objects.exists()


@pytest.mark.django_db
def test_dsta_sets_cbs_gr_codes(data_dir, geography):
    load_opengr_2015()

    report = load_dsta_gr_codes()

    assert Arrangement.objects.get(name="Afvalbeheer Regio Test (ART)").cbs_gr_code == "GR0316"
    assert Arrangement.objects.get(name="Veiligheidsregio Drenthe").cbs_gr_code == "GR0100"
    assert report.counts["rows with a GR code"] == 3
    assert len(report.unmatched) == 1
    assert "GR0999" in report.unmatched[0]
    assert report.updated == 2
    again = load_dsta_gr_codes()
    assert (again.created, again.updated) == (0, 0)
    # the OpenGR loader leaves the codes alone
    assert (
        load_opengr_2015().updated,
        Arrangement.objects.filter(cbs_gr_code__isnull=False).count(),
    ) == (0, 2)


@pytest.mark.django_db
def test_dsta_rejects_a_bad_code(data_dir, geography):
    load_opengr_2015()
    path = data_dir / DSTA
    path.write_text(path.read_text(encoding="utf-8").replace("GR0100", "GR10"), encoding="utf-8")

    with pytest.raises(
        ImportError_, match=r"gemeenschappelijke_regelingen_dsta_partial\.csv, line 3"
    ):
        load_dsta_gr_codes()

    assert not Arrangement.objects.filter(cbs_gr_code__isnull=False).exists()


@pytest.mark.django_db
def test_import_commands_print_reports(data_dir, geography, capsys):
    call_command("import_regioatlas")
    call_command("import_opengr")

    out = capsys.readouterr().out
    assert "== BZK Regioatlas 2016" in out
    assert "== OpenGR 2015" in out
    assert "== CBS GR-codes" in out


# --- the real files ------------------------------------------------------------------------

#: Regions per division, from the table in shared/data/README.md, section 2.
README_REGIONS = {
    "arrondissementen1": 11, "coropregios": 40, "coropplusregios": 52, "coropsubregios": 43,
    "nuts1regioslandsdelen": 4, "nuts2regiosprovincies": 12, "nuts3regios": 40,
    "provincies": 12, "ressorten1": 4, "mirtgebieden": 8,
    "omgevingsdienstenregionaleuitvoeringsdiensten": 29, "regionaleuitvoeringsdienstenbrzo": 6,
    "arbeidsmarktregios": 35, "centrumgemeentemaatschappelijkeopvangbeschermdwonen": 43,
    "centrumgemeentenvrouwenopvanggeweldinhuiselijkekring": 35, "ggds": 25,
    "hlzregioshervorminglangdurigezorg": 57, "intergemeentelijkesocialediensten": 29,
    "jeugdzorgregios1": 42, "kamervankoophandel": 5, "passendonderwijsprimaironderwijs": 76,
    "passendonderwijsvoortgezetonderwijs": 74, "rcfkenniscentrahandhaving": 9,
    "regionaleplatformsarbeidsmarkt": 34, "rmcregiosregionaalmeldencoordinatiepunt": 39,
    "socialewerkvoorziening": 87, "veiligthuisregios": 26, "wmoregios": 43,
    "politieeenheden": 10, "regionaalinformatieenexpertisecentra": 10, "veiligheidshuizen": 34,
    "veiligheidsregios": 25, "vptregios2014": 16,
}  # fmt: skip


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.django_db
def test_real_files(settings):
    if not (Path(settings.REGIOATLAS_DATA_DIR) / "nl").is_dir():
        pytest.skip(f"no real data in {settings.REGIOATLAS_DATA_DIR}")
    geography = pytest.importorskip("collaborations.sources.geography")
    geography.load_provinces()
    geography.load_municipalities()

    regioatlas = load_regioatlas_2016()
    opengr = load_opengr_2015()
    dsta = load_dsta_gr_codes()

    assert regioatlas.counts["divisions"] == 33
    assert {stem: regioatlas.counts[f"regions {stem}"] for stem in README_REGIONS} == README_REGIONS
    assert regioatlas.unmatched == []
    assert regioatlas.counts["memberships"] == 12_605
    assert opengr.counts["regelingen"] == 464
    assert opengr.counts["rows"] == 3_752
    assert opengr.counts["memberships of a municipality"] >= 2_900
    assert len(dsta.unmatched) < 76
    assert Arrangement.objects.filter(cbs_gr_code__isnull=False).count() >= 40


def test_fixture_paths_mirror_the_shared_data_folder():
    for relative in (REGIOATLAS, OPENGR, DSTA):
        assert (FIXTURES / relative).is_file()
