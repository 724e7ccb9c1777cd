"""The three arrangement importers on the real files of shared/data, and the sample files'
paths mirroring that folder."""

from pathlib import Path

import pytest

from collaborations.arrangements.models import Arrangement
from collaborations.sources.dsta import load_dsta_gr_codes
from collaborations.sources.opengr import load_opengr_2015
from collaborations.sources.regioatlas import load_regioatlas_2016
from tests.collaborations.sources.conftest import DSTA, FIXTURES, OPENGR, REGIOATLAS

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
