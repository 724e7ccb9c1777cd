"""The importer of the BZK Regioatlas 2016 divisions, on the sample files in tests/data/arr/."""

import datetime

import pytest

from collaborations.arrangements.models import Arrangement, DataSource, Membership
from collaborations.divisions.models import Division
from collaborations.sources.base import ImportError_
from collaborations.sources.division_families import REGIOATLAS_2016
from collaborations.sources.regioatlas import load_regioatlas_2016
from tests.collaborations.sources.conftest import REGIOATLAS
from tests.factories import (
    DivisionFactory,
    DivisionVersionFactory,
)


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
