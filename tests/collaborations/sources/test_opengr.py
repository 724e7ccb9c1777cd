"""The importers of the OpenGR 2015 regelingen and the DSTA GR codes, on the sample files in
tests/data/arr/."""

import pytest
from django.core.management import call_command

from collaborations.arrangements.models import Arrangement, DataSource, Membership, Organisation
from collaborations.sources.base import ImportError_
from collaborations.sources.dsta import load_dsta_gr_codes
from collaborations.sources.opengr import load_opengr_2015
from tests.collaborations.sources.conftest import DSTA, OPENGR

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
