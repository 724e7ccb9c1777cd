"""The API on the real geography (CBS provinces and municipalities, herindelingen) and the
divisions in the order of their versions (the BZK Regioatlas 2016, the 25 veiligheidsregio's
of 2024, the CBS divisions of 2025 and 2026),
loaded once for this module inside a transaction that is rolled back afterwards. Skipped when
the shared data folder (REGIOATLAS_DATA_DIR) is absent."""

import datetime
import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from collaborations.arrangements.models import Arrangement
from collaborations.core.choices import PublicationStatus
from collaborations.geography.models import MunicipalityLineage

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
)


def _loader(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError:
        return None


@pytest.fixture(scope="module", autouse=True)
def real_geography(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for module, name in LOADERS:
            loader = _loader(module, name)
            if loader is not None:
                loader()
        with connection.cursor() as cursor:  # statistics for the planner, as `load` does
            cursor.execute("ANALYZE")
        yield
        transaction.set_rollback(True)


def _represented_by(code: str, day: datetime.date):
    """Ids of the municipalities that ``code`` represents on ``day`` (itself and the
    predecessors it took over)."""
    return MunicipalityLineage.objects.filter(
        Q(since__isnull=True) | Q(since__lte=day), descendant__code=code
    ).values("ancestor_id")


def shared_by(first: str, second: str) -> int:
    """Published arrangements of today with members represented by both municipalities,
    counted with the ORM, independently of the network's SQL (regions that ended are left
    out, as in every list of the API)."""
    day = timezone.localdate()
    alive = (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (
        Q(end_date__isnull=True) | Q(end_date__gt=day)
    )
    current = Q(memberships__valid_from__isnull=True) | Q(memberships__valid_from__lte=day)
    current &= Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gt=day)
    return (
        Arrangement.objects.filter(alive, publication_status=PublicationStatus.PUBLISHED)
        .filter(current, memberships__municipality__in=_represented_by(first, day))
        .filter(current, memberships__municipality__in=_represented_by(second, day))
        .distinct()
        .count()
    )


def test_amsterdam_names_its_province_and_veiligheidsregio(client):
    body = client.get("/api/v1/gemeenten/GM0363?geometrie=false").json()
    assert (body["naam"], body["provincie"], body["provincieNaam"]) == (
        "Amsterdam",
        "PV27",
        "Noord-Holland",
    )
    regions = {(r["indeling"], r["regiocode"], r["regio"]) for r in body["officieleRegios"]}
    assert ("veiligheidsregios", "VR13", "Amsterdam-Amstelland") in regions


def test_zeeland_has_13_municipalities(client):
    body = client.get("/api/v1/gemeenten?provincie=PV29&geometrie=false").json()
    assert body["totaal"] == 13
    assert len(body["gemeenten"]) == 13
    assert {row["provincieNaam"] for row in body["gemeenten"]} == {"Zeeland"}


def test_network_count_of_amsterdam_and_amstelveen(client):
    expected = shared_by("GM0363", "GM0362")
    assert expected >= 1  # at least Veiligheidsregio Amsterdam-Amstelland
    body = client.get("/api/v1/netwerk?gemeente=GM0363&geometrie=false&paginaGrootte=1000").json()
    pair = next(row for row in body["netwerk"] if row["id"] == "GM0362-GM0363")
    assert (pair["bronNaam"], pair["doelNaam"]) == ("Amstelveen", "Amsterdam")
    assert pair["gedeeld"] == expected
    listed = client.get("/api/v1/samenwerkingsverbanden?gemeente=GM0363,GM0362&geometrie=false")
    assert listed.json()["totaal"] == expected


def test_veiligheidsregios_division(client):
    body = client.get("/api/v1/indelingen/veiligheidsregios").json()
    assert body["aantalRegios"] == len(body["regios"]) == 25
    amsterdam = next(r for r in body["regios"] if r["regiocode"] == "VR13")
    assert "GM0363" in amsterdam["leden"] and amsterdam["aantalLeden"] == len(amsterdam["leden"])
    municipalities = [code for region in body["regios"] for code in region["leden"]]
    assert len(municipalities) == len(set(municipalities)) == 342  # a tiling of the country
