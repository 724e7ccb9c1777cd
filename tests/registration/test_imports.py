"""Bulk import: dry run, commit all-or-nothing, errors by row and column, encodings, limits,
malformed files, formula-like cells stored as text, and new divisions."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.divisions.models import Division
from collaborations.registration.choices import ImportKind, ImportStatus, RevisionKind
from collaborations.registration.models import ArrangementRevision
from collaborations.registration.services.imports import (
    import_job_commit_request,
    import_job_create,
)

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data" / "registration"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (DATA / name).read_bytes()
    return SimpleUploadedFile(name, content)


def snapshot() -> tuple:
    return (
        Arrangement.objects.count(),
        Membership.objects.count(),
        Division.objects.count(),
        ArrangementRevision.objects.count(),
    )


def create(world, name, content=None, kind=ImportKind.ARRANGEMENTS, **options):
    return import_job_create(
        by=world.users["moderator"],
        kind=kind,
        upload=upload(name, content),
        reason="Import van de provincie",
        options=options or None,
    )


def test_good_file_dry_run_then_commit(world):
    before = snapshot()
    job = create(world, "samenwerkingsverbanden_goed.csv")
    assert job.status == ImportStatus.VALID, (job.message, job.errors)
    assert [row["actie"] for row in job.preview] == ["nieuw", "nieuw", "nieuw"]
    assert job.summary["nieuw"] == 3
    assert snapshot() == before  # the dry run writes nothing
    job = import_job_commit_request(job=job, by=world.users["moderator"])
    assert job.status == ImportStatus.COMMITTED, job.message
    assert Arrangement.objects.count() == before[0] + 3
    energy = Arrangement.objects.get(name="Energieregio Cromveen")
    assert energy.description == "=SUM(A1:A2)"  # stored as text, never evaluated
    assert energy.start_date.isoformat() == "2021-01-01"
    assert energy.is_mandatory is True
    assert energy.memberships.count() == 3  # two municipalities and a province
    formula = Arrangement.objects.get(name="@Formule regio")
    assert formula.short_name == "+31" and formula.description == "-1+2"
    revisions = ArrangementRevision.objects.filter(import_job=job)
    assert revisions.count() == 3 and {r.kind for r in revisions} == {RevisionKind.IMPORTED}
    lead = Membership.objects.get(
        arrangement__name="Regio Dijkwaard-Eemhoven", municipality__code="GM9003"
    )
    assert lead.role == "centrumgemeente"
    assert Membership.objects.filter(
        arrangement__name="Regio Dijkwaard-Eemhoven", organisation__name="Waterschap Test"
    ).exists()


def test_bad_rows_write_nothing_and_every_error_is_reported(world):
    before = snapshot()
    job = create(world, "samenwerkingsverbanden_fouten.csv")
    assert job.status == ImportStatus.INVALID
    by_row = {}
    for error in job.errors:
        by_row.setdefault(error["rij"], []).append((error["kolom"], error["melding"]))
    assert 2 not in by_row  # the good row
    columns_3 = {c for c, _ in by_row[3]}
    assert {"rechtsvorm", "einddatum", "cbs_gr_code", "kvk_nummer"} <= columns_3
    assert {"themas", "startdatum"} <= {c for c, _ in by_row[4]}
    assert any(c == "leden" for c, _ in by_row[5])
    assert any("Oudwoude" in m for _, m in by_row[6])
    assert any("rij 2" in m for _, m in by_row[7])  # duplicate name in the file
    assert any(c == "id" for c, _ in by_row[8])
    with pytest.raises(ValidationError):
        import_job_commit_request(job=job, by=world.users["moderator"])
    assert snapshot() == before


def test_editors_may_not_import(world):
    with pytest.raises(PermissionDenied):
        import_job_create(
            by=world.users["gemeente"],
            kind=ImportKind.ARRANGEMENTS,
            upload=upload("samenwerkingsverbanden_goed.csv"),
            reason="x",
        )


def test_windows_1252_is_read(world):
    text = (DATA / "samenwerkingsverbanden_goed.csv").read_text("utf-8")
    text = text.replace("Samen wonen", "Coöperatief wonen")
    job = create(world, "cp1252.csv", text.encode("cp1252"))
    assert job.status == ImportStatus.VALID, job.message
    assert job.encoding == "cp1252"
    import_job_commit_request(job=job, by=world.users["moderator"])
    assert Arrangement.objects.get(name="Regio Dijkwaard-Eemhoven").description == (
        "Coöperatief wonen"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"naam;leden\nRegio \x81\x8d;GM9000\n", "niet te lezen"),
        (b"\xff\xfen\x00a\x00a\x00m\x00", "UTF-16"),
        (b"%PDF-1.4\n\x00\x00\x00binary", "geen tekstbestand"),
        (b'naam;leden\n"Regio "X" kapot;GM9000\n', "niet goed opgebouwd"),
        (b"PK\x03\x04 not really a zip file", "geen geldig Excel"),
        (b"", "leeg"),
    ],
)
def test_unreadable_files_are_clear_errors(world, content, expected):
    before = snapshot()
    name = "kapot.xlsx" if content.startswith(b"PK") else "kapot.csv"
    try:
        job = create(world, name, content)
    except ValidationError as exc:  # an empty file is refused at upload
        assert expected in str(exc)
        return
    assert job.status == ImportStatus.INVALID
    assert expected in job.message
    assert snapshot() == before


def test_limits(world, settings):
    settings.REGIOATLAS_IMPORT_MAX_BYTES = 200
    with pytest.raises(ValidationError, match="grens"):
        create(world, "samenwerkingsverbanden_goed.csv", b"x" * 201)
    settings.REGIOATLAS_IMPORT_MAX_BYTES = 5_000_000
    settings.REGIOATLAS_IMPORT_MAX_ROWS = 2
    job = create(world, "samenwerkingsverbanden_goed.csv")
    assert job.status == ImportStatus.INVALID and "meer dan 2 rijen" in job.message
    with pytest.raises(ValidationError, match="CSV"):
        create(world, "plaatje.png", b"\x89PNG")


def test_xlsx_formulas_are_stored_as_text(world):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["naam", "rechtsvormfamilie", "themas", "leden", "omschrijving", "startdatum"])
    sheet.append(['=HYPERLINK("http://x")', "netwerk", "wonen", "GM9000; GM9001", "=1+1", None])
    sheet.append(["Excel-regio", "netwerk", "Wonen", "GM9002; GM9003", "@SUM(1)", None])
    import datetime

    sheet["F3"] = datetime.datetime(2022, 3, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = create(world, "regios.xlsx", buffer.getvalue())
    assert job.status == ImportStatus.VALID, (job.message, job.errors)
    import_job_commit_request(job=job, by=world.users["moderator"])
    assert Arrangement.objects.filter(name='=HYPERLINK("http://x")', description="=1+1").exists()
    excel = Arrangement.objects.get(name="Excel-regio")
    assert excel.description == "@SUM(1)" and excel.start_date.isoformat() == "2022-03-01"


def test_xlsx_errors_name_the_column_letter(world):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["naam", "rechtsvormfamilie", "themas", "leden"])
    workbook.active.append(["Regio", "geen", "wonen", "GM9000; GM9001"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = create(world, "fout.xlsx", buffer.getvalue())
    assert job.errors == [
        {"rij": 2, "kolom": "rechtsvormfamilie (B)", "melding": job.errors[0]["melding"]}
    ]


def test_change_existing_arrangement_by_import(world):
    content = (
        "id;naam;rechtsvormfamilie;themas;leden;omschrijving\n"
        f"{world.own.pk};;;;;Nieuwe omschrijving\n"
        f'{world.other.pk};;;jeugd;"GM9004; GM9005; GM9000";\n'
    ).encode()
    job = create(world, "wijziging.csv", content)
    assert job.status == ImportStatus.VALID, job.errors
    assert [(p["actie"], p["wijzigingen"]) for p in job.preview] == [
        ("wijziging", ["Omschrijving"]),
        ("wijziging", ["Thema's", "Leden"]),
    ]
    import_job_commit_request(job=job, by=world.users["moderator"])
    world.own.refresh_from_db()
    world.other.refresh_from_db()
    assert world.own.description == "Nieuwe omschrijving" and world.own.name.startswith("Regio")
    assert world.other.memberships.count() == 3
    assert world.other.version == 2


def test_commit_refuses_when_data_changed_after_dry_run(world):
    from collaborations.registration.selectors.states import arrangement_state
    from collaborations.registration.services.submissions import registration_submit

    content = f"id;naam;rechtsvormfamilie;themas;leden\n{world.own.pk};Andere naam;;;\n".encode()
    job = create(world, "wijziging.csv", content)
    assert job.status == ImportStatus.VALID
    state = arrangement_state(arrangement_id=world.own.pk)
    registration_submit(
        by=world.users["moderator"],
        state=dict(state, description="tussendoor"),
        reason="tussendoor",
        arrangement=world.own,
        expected_version=1,
    )
    job = import_job_commit_request(job=job, by=world.users["moderator"])
    assert job.status == ImportStatus.INVALID
    world.own.refresh_from_db()
    assert world.own.name == "Regio Aadorp-Beekstad"


def test_new_division_from_a_regioatlas_table(world):
    before = snapshot()
    job = create(
        world,
        "indeling_voorbeeld.csv",
        kind=ImportKind.DIVISION,
        domain="sociaal",
        kind_="",
        year=2024,
        themes=["gezondheid"],
        legal_form_family="wgr",
        region_prefix="Testregio ",
    )
    assert job.status == ImportStatus.VALID, (job.message, job.errors)
    assert job.summary["regios"] == 2 and job.summary["indeling"] == "Testregio's"
    assert snapshot() == before
    job = import_job_commit_request(job=job, by=world.users["moderator"])
    assert job.status == ImportStatus.COMMITTED, job.message
    division = Division.objects.get(name="Testregio's")
    assert [v.valid_from.isoformat() for v in division.versions.all()] == ["2024-01-01"]
    regions = {a.name: a.memberships.count() for a in division.regions.all()}
    assert regions == {"Testregio Noord": 3, "Testregio Zuid": 3}
    kinds = set(ArrangementRevision.objects.filter(import_job=job).values_list("kind", flat=True))
    assert kinds == {RevisionKind.IMPORTED}


def test_a_new_version_of_a_division_through_the_bulk_import(world):
    """The bulk import and the loaders share the generic division path (ADR 0007): a file
    with the code of an existing division is its new version; the dry run says which regions
    continue, the commit changes memberships on the version's date and records revisions."""
    options = {"domain": "sociaal", "themes": ["gezondheid"], "region_prefix": "Testregio "}
    job = create(world, "indeling_voorbeeld.csv", kind=ImportKind.DIVISION, year=2024, **options)
    import_job_commit_request(job=job, by=world.users["moderator"])
    division = Division.objects.get(name="Testregio's")
    moved = (DATA / "indeling_voorbeeld.csv").read_text(encoding="utf-8-sig")
    moved = moved.replace('"Cromveen";"9002";"Noord"', '"Cromveen";"9002";"Zuid"')
    job = create(
        world,
        "indeling_2025.csv",
        moved.encode(),
        kind=ImportKind.DIVISION,
        year=2025,
        slug=division.slug,
        **options,
    )
    assert job.status == ImportStatus.VALID, (job.message, job.errors)
    assert [row["actie"] for row in job.preview] == ["voortgezet", "voortgezet"]
    assert (job.summary["voortgezet"], job.summary["verhuisd"]) == (2, 1)
    job = import_job_commit_request(job=job, by=world.users["moderator"])
    assert job.status == ImportStatus.COMMITTED, job.message
    assert [v.valid_from.year for v in division.versions.all()] == [2024, 2025]
    cromveen = Membership.objects.filter(
        municipality__code="GM9002", arrangement__division=division
    ).order_by("valid_from")
    assert [(m.arrangement.name, m.valid_from.isoformat(), m.valid_to) for m in cromveen] == [
        ("Testregio Noord", "2024-01-01", datetime.date(2025, 1, 1)),
        ("Testregio Zuid", "2025-01-01", None),
    ]
    revisions = ArrangementRevision.objects.filter(import_job=job)
    assert revisions.count() == 2 and {r.kind for r in revisions} == {RevisionKind.IMPORTED}


def test_division_table_with_bad_codes(world):
    content = (
        '\ufeff"Gemeente";"CBS";"Nieuwe regio\'s";"Inwoneraantal van regio"\n'
        '"Aadorp";"9000";"Noord";""\n'
        '"Onbekend";"8888";"Noord";""\n'
        '"Oudwoude";"9100";"Zuid";""\n'
        '"Aadorp";"GM9000";"Zuid";""\n'
        '"Verkeerde naam";"9001";"";""\n'
    ).encode()
    before = snapshot()
    job = create(
        world, "indeling.csv", content, kind=ImportKind.DIVISION, year=2024, themes=["jeugd"]
    )
    assert job.status == ImportStatus.INVALID
    rows = sorted(e["rij"] for e in job.errors)
    assert rows == [3, 4, 5, 6]
    assert snapshot() == before
