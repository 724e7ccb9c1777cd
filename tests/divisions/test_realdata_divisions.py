"""Divisions through time on the real data (issue 13, "Done when"): the geography, the BZK
Regioatlas 2016, the veiligheidsregio's of 2024 and the CBS divisions of 2025 and 2026, loaded
once for this module in a transaction that is rolled back afterwards. Skipped when the shared
data folder (REGIOATLAS_DATA_DIR) is absent."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.divisions.selectors import division_partition, division_partitions
from collaborations.geography.models import Municipality
from collaborations.sources.cbs_divisions import load_cbs_divisions
from collaborations.sources.flanders import load_flanders
from collaborations.sources.geography import (
    load_municipalities,
    load_provinces,
    load_reorganisations,
    load_veiligheidsregios,
)
from collaborations.sources.regioatlas import load_regioatlas_2016

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.slow,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (Path(settings.REGIOATLAS_DATA_DIR) / "nl" / "indelingen_2025").is_dir(),
        reason="the shared data folder (REGIOATLAS_DATA_DIR) is absent",
    ),
]
D = datetime.date
DIVISION_LOADERS = (load_regioatlas_2016, load_veiligheidsregios, load_cbs_divisions)
UTRECHT, WIJDEMEREN = "GM0344", "GM1696"


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for loader in (load_provinces, load_municipalities, load_reorganisations):
            loader()
        first = [loader() for loader in DIVISION_LOADERS]
        second = [loader() for loader in DIVISION_LOADERS]
        flanders = load_flanders()
        arrangement_footprints_recompute()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield first, second, flanders
        transaction.set_rollback(True)


def _regions(code: str, day: datetime.date, slug: str) -> list[str]:
    municipality = Municipality.objects.get(code=code)
    division = Division.objects.get(slug=slug)
    region = division_partition(division=division, day=day).get(municipality.pk)
    return [] if region is None else [Arrangement.objects.get(pk=region).name]


def test_a_second_load_changes_nothing(reports):
    _, second, _ = reports
    assert [(r.name, r.created, r.updated) for r in second] == [(r.name, 0, 0) for r in second]


def test_utrecht_on_2026_06_01(reports, client):
    day = D(2026, 6, 1)
    assert _regions(UTRECHT, day, "veiligheidsregios") == ["Veiligheidsregio Utrecht"]
    assert _regions(UTRECHT, day, "jeugdregios") == ["Jeugdregio Utrecht Stad"]
    assert _regions(UTRECHT, day, "res-regios") == ["RES-regio U16"]
    body = client.get(f"/api/v1/gemeenten/{UTRECHT}?peildatum=2026-06-01&geometrie=false").json()
    per_division: dict[str, list[str]] = {}
    for region in body["officieleRegios"]:
        per_division.setdefault(region["indeling"], []).append(region["regio"])
    assert per_division["veiligheidsregios"] == ["Utrecht"]
    assert per_division["jeugdregios"] == ["Utrecht Stad"]
    assert per_division["res-regios"] == ["U16"]
    assert all(len(names) == 1 for names in per_division.values()), per_division


def test_utrecht_on_2016_06_01_has_the_2016_regions(reports, client):
    day = D(2016, 6, 1)
    assert _regions(UTRECHT, day, "veiligheidsregios") == ["Veiligheidsregio Utrecht"]
    assert _regions(UTRECHT, day, "jeugdregios") == ["Jeugdregio Utrecht Stad"]  # 2016: Utrecht
    assert _regions(UTRECHT, day, "res-regios") == []  # RES-regio's began in 2025
    body = client.get(f"/api/v1/gemeenten/{UTRECHT}?peildatum=2016-06-01&geometrie=false").json()
    divisions = [region["indeling"] for region in body["officieleRegios"]]
    assert "res-regios" not in divisions
    assert "wmo-regios" in divisions  # a division of 2016 only
    assert divisions.count("veiligheidsregios") == divisions.count("jeugdregios") == 1


def test_the_jeugdregio_of_wijdemeren_changes_on_2025_01_01(reports, client):
    assert _regions(WIJDEMEREN, D(2016, 6, 1), "jeugdregios") == ["Jeugdregio Utrecht West"]
    assert _regions(WIJDEMEREN, D(2026, 6, 1), "jeugdregios") == ["Jeugdregio Gooi en Vechtstreek"]
    body = client.get(f"/api/v1/gemeenten/{WIJDEMEREN}?geometrie=false").json()
    jeugd = next(d for d in body["regioGeschiedenis"] if d["indeling"] == "jeugdregios")
    assert [(r["naam"], r["vanaf"], r["tot"]) for r in jeugd["regios"]] == [
        ("Jeugdregio Utrecht West", "2016-01-01", "2025-01-01"),
        ("Jeugdregio Gooi en Vechtstreek", "2025-01-01", None),
    ]
    page = client.get(f"/gemeenten/{WIJDEMEREN}").content.decode()
    assert "Wisselingen van regio" in page and "Jeugdregio Utrecht West" in page


def test_the_2025_versions_and_what_moved(reports):
    version = DivisionVersion.objects.get(division__slug="jeugdregios", label="2025")
    report = version.report
    assert report["regios"] == 42
    assert (len(report["voortgezet"]), len(report["nieuw"]), len(report["beeindigd"])) == (42, 0, 0)
    # shared/data README section 6, check 5: five municipalities changed jeugdregio
    assert sorted(m["naam"] for m in report["verhuisd"]) == [
        "Alphen-Chaam",
        "Baarle-Nassau",
        "Voorschoten",
        "Wijdemeren",
        "Zeewolde",
    ]
    wijdemeren = next(m for m in report["verhuisd"] if m["code"] == WIJDEMEREN)
    assert (wijdemeren["van"], wijdemeren["naar"]) == (["Utrecht West"], ["Gooi en Vechtstreek"])
    rmc = DivisionVersion.objects.get(division__slug="rmc-regios", label="2025").report
    assert [r["naam"] for r in rmc["nieuw"]] == ["Rijk van Nijmegen"]
    res = DivisionVersion.objects.get(division__slug="res-regios", label="2025").report
    assert len(res["nieuw"]) == 30


def test_today_every_division_has_each_region_once(reports):
    today = D(2026, 6, 1)
    counts = {
        "veiligheidsregios": 25, "jeugdregios": 42, "ggd-regios": 25, "arbeidsmarktregios": 35,
        "res-regios": 30, "veilig-thuis-regios": 25, "rmc-regios": 40, "politie-eenheden": 10,
        "corop-gebieden": 40, "landsdelen": 4, "toeristengebieden": 17,
    }  # fmt: skip
    partitions = division_partitions(day=today)
    slugs = dict(Division.objects.values_list("pk", "slug"))
    for division_id, partition in partitions.items():
        slug = slugs[division_id]
        if slug in counts:
            assert len(set(partition.values())) == counts[slug], slug
            assert len(partition) == 342, slug  # every municipality, once
    in_force = Arrangement.objects.filter(division__slug="veiligheidsregios", end_date__isnull=True)
    assert in_force.count() == 25
    assert Arrangement.objects.filter(division__slug="veiligheidsregios").count() == 25


def _here(client, day: str) -> dict[str, list[str]]:
    """ "What is here?" at Utrecht's Domtoren on ``day``: {division: [region names]}."""
    url = f"/api/v1/locaties/samenwerkingsverbanden?lon=5.1214&lat=52.0907&peildatum={day}"
    rows = client.get(url).json()["samenwerkingsverbanden"]
    regions: dict[str, list[str]] = {}
    for row in rows:
        if row["indeling"]:
            regions.setdefault(row["indeling"], []).append(row["naam"])
    return regions


def test_what_is_here_in_utrecht_on_2026_06_01(reports, client):
    regions = _here(client, "2026-06-01")
    assert regions["veiligheidsregios"] == ["Veiligheidsregio Utrecht"]
    assert regions["jeugdregios"] == ["Jeugdregio Utrecht Stad"]
    assert regions["res-regios"] == ["RES-regio U16"]
    assert all(len(names) == 1 for names in regions.values()), regions


def test_what_is_here_in_utrecht_on_2016_06_01(reports, client):
    regions = _here(client, "2016-06-01")
    assert regions["veiligheidsregios"] == ["Veiligheidsregio Utrecht"]
    assert regions["jeugdregios"] == ["Jeugdregio Utrecht Stad"]  # Utrecht in 2016
    assert "res-regios" not in regions and "sub-res-regios" not in regions
    assert "wmo-regios" in regions  # a division of 2016 only
    assert all(len(names) == 1 for names in regions.values()), regions


def test_the_footprint_of_a_region_follows_its_members(reports, client):
    """Jeugdregio Gooi en Vechtstreek gained Wijdemeren on 2025-01-01: its footprint of 2026
    covers Loosdrecht (Wijdemeren), that of 2016 does not."""
    region = Arrangement.objects.get(division__slug="jeugdregios", region_code="JZ16")
    url = "/api/v1/locaties/samenwerkingsverbanden?lon=5.077&lat=52.205&indeling=jeugdregios"
    assert [
        r["id"] for r in client.get(f"{url}&peildatum=2026-06-01").json()["samenwerkingsverbanden"]
    ] == [region.pk]
    assert region.pk not in [
        r["id"] for r in client.get(f"{url}&peildatum=2016-06-01").json()["samenwerkingsverbanden"]
    ]


def test_flanders_loads_and_shows_in_the_api(reports, client):
    *_, flanders = reports
    assert Municipality.objects.filter(country="be").count() == 304
    assert Municipality.objects.filter(country="be", code__startswith="BE21").count() == 19
    pseudo = [note for note in flanders.notes if "pseudo-code" in note]
    assert [note.split("pseudo-code ")[1][:5] for note in pseudo] == ["99991", "99999"]
    assert not Municipality.objects.filter(code__in=["BE99991", "BE99999"]).exists()
    assert not [note for note in flanders.notes if "cross-check" in note]
    body = client.get("/api/v1/gemeenten?land=be&geometrie=false&paginaGrootte=500").json()
    assert body["totaal"] == 304
    division = client.get("/api/v1/indelingen/referentieregios?peildatum=2026-06-01").json()
    assert (division["land"], division["soort"], division["aantalRegios"]) == (
        "be",
        "rijksindeling",
        15,
    )
    members = [code for region in division["regios"] for code in region["leden"]]
    assert len(members) == len(set(members)) == 285  # Flanders, without Brussels
    here = client.get("/api/v1/locaties/samenwerkingsverbanden?lon=4.40&lat=51.22&land=be").json()
    assert [r["naam"] for r in here["samenwerkingsverbanden"]] == [
        "Referentieregio Regio Antwerpen"
    ]
    assert client.get("/api/v1/gemeenten?geometrie=false").json()["totaal"] == 342  # nl


def test_the_patchwork_colouring_of_jeugd_today(reports, client):
    """Display mode *Grenzen* with theme Jeugd on the real data (issue 16): every region in
    force (the 42 jeugdregio's among them) is its own feature with a palette colour, and no
    two regions whose footprints overlap or share a border have the same (colour, dash);
    neighbours from PostGIS's DE-9IM on the footprints, independently of the colouring's SQL."""
    from collaborations.arrangements.selectors.colouring import PALETTE

    url = "/api/v1/samenwerkingsverbanden/kleuren?thema=jeugd"
    response = client.get(f"{url}&formaat=geojson&zoom=8")
    assert response.status_code == 200
    features = response.json()["features"]
    rows = {f["properties"]["id"]: f["properties"] for f in features}
    assert len(rows) == len(features)  # one feature per region
    in_force = division_partition(division=Division.objects.get(slug="jeugdregios"), day=D.today())
    assert len(set(in_force.values())) == 42
    assert set(in_force.values()) <= set(rows)
    assert all(f["geometry"] for f in features), "a region without its inset outline"
    assert all(row["kleurcode"] in PALETTE for row in rows.values())
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT a.id, b.id FROM collaborations_arrangement a
               JOIN collaborations_arrangement b ON a.id < b.id AND a.footprint && b.footprint
               WHERE a.id = ANY(%s) AND b.id = ANY(%s)
                 AND (ST_Relate(a.footprint, b.footprint, '2********')
                      OR ST_Relate(a.footprint, b.footprint, '****1****'))""",
            [list(rows), list(rows)],
        )
        pairs = cursor.fetchall()
    assert len(pairs) > len(rows)  # overlapping divisions and bordering regions
    style = {aid: (row["kleurcode"], row["streepjes"]) for aid, row in rows.items()}
    clashes = [(a, b) for a, b in pairs if style[a] == style[b]]
    assert clashes == []
