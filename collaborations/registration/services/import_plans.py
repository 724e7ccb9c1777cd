"""The plan of an import: for every row what it would create or change (the dry-run preview),
the errors by row and column, and the writes a commit performs. Built the same way for the
dry run and for the commit (which checks again against the data as it is then)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from collaborations.arrangements.models import Arrangement, DataSource, Theme
from collaborations.arrangements.names import normalise as normalise_name
from collaborations.core.choices import Country, Role
from collaborations.divisions.models import Division
from collaborations.divisions.services import (
    FamilySpec,
    MemberInput,
    RegionDefaults,
    RegionInput,
    VersionError,
    VersionInput,
    VersionPlan,
    division_version_plan,
)
from collaborations.geography.models import Municipality
from collaborations.registration.choices import RevisionKind
from collaborations.registration.importers import arrangement_rows, division_rows
from collaborations.registration.importers.arrangement_rows import (
    REQUIRED_COLUMNS,
    STATE_TO_COLUMN,
    header_index,
)
from collaborations.registration.importers.files import CellError, Table
from collaborations.registration.models import ImportJob
from collaborations.registration.selectors.states import arrangement_states
from collaborations.registration.services.checks import Checked, CheckItem
from collaborations.registration.services.validation import states_check
from collaborations.registration.services.write import REGISTRATION_SOURCE, Write
from collaborations.registration.state import FIELD_LABELS, changed_keys

CHUNK = 500
PATH = re.compile(r"^members\[(\d+)\]")


@dataclass
class Plan:
    writes: list[Write] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    division: dict[str, Any] | None = None
    version: VersionPlan | None = None  # a division import: the plan of the version


def _general(message: str) -> dict[str, Any]:
    return CellError(0, "", message).as_dict()


def _checked_in_chunks(
    items: Sequence[CheckItem], report: Callable[[int], None], offset: int, min_members: int = 2
) -> list[Checked]:
    """states_check per chunk of rows (a constant number of queries per chunk), reporting
    progress from ``offset``."""
    results: list[Checked] = []
    for start in range(0, len(items), CHUNK):
        results += states_check(items=items[start : start + CHUNK], min_members=min_members)
        report(offset + len(results))
    return results


# --- arrangements ---------------------------------------------------------------------------
def _theme_lookup() -> dict[str, str]:
    lookup = {}
    for slug, name in Theme.objects.values_list("slug", "name"):
        lookup[slug.casefold()] = slug
        lookup[name.casefold()] = slug
    return lookup


def _referenced_ids(table: Table) -> list[int]:
    index = header_index(table, REQUIRED_COLUMNS)
    if "id" not in index:
        return []
    i = index["id"]
    return [int(c[i]) for _, c in table.rows if i < len(c) and c[i].strip().isdigit()]


def _column_of(table: Table, field_path: str) -> str:
    name = PATH.sub("members", field_path).split(".")[0]
    column = STATE_TO_COLUMN.get(name, name)
    if name == "members" and ".organisation" in field_path:
        column = "partners"
    index = {h.strip().lower(): i for i, h in enumerate(table.header)}
    return table.column_name(index[column]) if column in index else column


def _dry_run_versions(job: ImportJob) -> dict[int, int]:
    """Versions the dry run saw, so a commit never overwrites a change made after it."""
    return {
        row["id"]: row["versie"]
        for row in job.preview or []
        if row.get("id") is not None and row.get("versie") is not None
    }


def arrangement_plan(job: ImportJob, table: Table, report: Callable[[int], None]) -> Plan:
    """Rows of the arrangement template."""
    plan = Plan()
    ids = _referenced_ids(table)
    current = arrangement_states(ids=ids)
    versions = dict(Arrangement.objects.filter(pk__in=ids).values_list("pk", "version"))
    seen = _dry_run_versions(job)
    half = len(table.rows)
    rows = arrangement_rows(
        table, themes=_theme_lookup(), current=current, on_row=lambda n: report(n // 2)
    )
    plan.errors += [e.as_dict() for e in rows.errors]
    parsed = [r for r in rows.results if not r.errors]
    items = [CheckItem(r.state, current.get(r.arrangement_id), r.arrangement_id) for r in parsed]
    checks = _checked_in_chunks(items, lambda n: report((half + n) // 2), 0)
    for result, checked in zip(parsed, checks, strict=True):
        _arrangement_row(plan, table, job, result, checked, versions, seen, current)
    creates = sum(1 for p in plan.preview if p["actie"] == "nieuw")
    changes = sum(1 for p in plan.preview if p["actie"] == "wijziging")
    plan.summary = {"rijen": len(table.rows), "nieuw": creates, "gewijzigd": changes}
    plan.summary["ongewijzigd"] = len(plan.preview) - creates - changes
    plan.summary["fouten"] = len(plan.errors)
    plan.errors.sort(key=lambda e: (e["rij"], e["kolom"]))
    return plan


def _arrangement_row(plan, table, job, result, checked, versions, seen, current) -> None:
    errors = [
        CellError(result.row, _column_of(table, i.field), i.message).as_dict()
        for i in checked.errors
    ]
    if result.arrangement_id is None:
        errors += [
            CellError(result.row, _column_of(table, "name"), w.message).as_dict()
            for w in checked.warnings
        ]
    expected = result.expected_version or seen.get(result.arrangement_id)
    expected = expected or versions.get(result.arrangement_id)
    now = versions.get(result.arrangement_id)
    if result.arrangement_id and expected != now:
        errors.append(
            CellError(
                result.row,
                "versie",
                _("Het samenwerkingsverband is gewijzigd sinds versie %(e)s (nu %(n)s).")
                % {"e": expected, "n": now},
            ).as_dict()
        )
    if errors:
        plan.errors += errors
        return
    base = current.get(result.arrangement_id)
    keys = changed_keys(base, checked.state) if base else []
    action = "nieuw" if base is None else ("wijziging" if keys else "ongewijzigd")
    plan.preview.append(
        {
            "rij": result.row,
            "actie": action,
            "id": result.arrangement_id,
            "versie": now,
            "naam": checked.state["name"],
            "wijzigingen": [str(FIELD_LABELS.get(k, k)) for k in keys],
            "leden": len(checked.state["members"]),
        }
    )
    if action != "ongewijzigd":
        plan.writes.append(
            Write(
                state=checked.state,
                reason=job.reason,
                kind=RevisionKind.IMPORTED,
                arrangement_id=result.arrangement_id,
                expected_version=now,
                created_by=job.created_by,
                import_job_id=job.pk,
            )
        )


# --- a version of a division -------------------------------------------------------------------
def _reference_date(job: ImportJob) -> datetime.date:
    value = job.options.get("reference_date")
    return (
        datetime.date.fromisoformat(value)
        if value
        else datetime.date(int(job.options["year"]), 1, 1)
    )


def _family(job: ImportJob, table_name: str) -> FamilySpec:
    """The division the file is a version of: ``slug`` (or ``supersedes``) names an existing
    division for a new version of it; otherwise a new division is made."""
    options = job.options
    name = (options.get("name") or table_name or "").strip()
    slug = options.get("slug") or options.get("supersedes") or slugify(name)[:80]
    existing = Division.objects.filter(slug=slug).first()
    prefix = options.get("region_prefix") or ""
    if prefix and not prefix.endswith((" ", "-", "/")):
        prefix += " "
    return FamilySpec(
        slug=slug,
        name=(name or (existing.name if existing else ""))[:200],
        domain=options["domain"],
        kind=options["kind"],
        country=existing.country if existing else Country.NL,
        description=options.get("description") or "",
        regions=RegionDefaults(
            legal_form_family=options["legal_form_family"],
            legal_form=options.get("legal_form") or "",
            is_mandatory=options.get("is_mandatory"),
            themes=tuple(options["themes"]),
            name_format=prefix.replace("{", "{{").replace("}", "}}") + "{regio}",
            basis=options.get("description") or "",
        ),
    )


def _plain(name: str) -> str:
    """A name without qualifiers such as "(L.)", for comparing names as written."""
    return normalise_name(re.sub(r"\s*\([^)]*\)", "", name))


def _member_errors(rows, found: dict, day: datetime.date, table: Table) -> tuple[list, list]:
    errors, warnings = [], []
    for row in rows:
        municipality = found.get(row.code)
        where = table.column_name(1)
        if municipality is None:
            errors.append(
                CellError(row.row, where, _("Geen gemeente met code %(c)s.") % {"c": row.code})
            )
            continue
        since, until = municipality["valid_from"], municipality["valid_to"]
        if (since and since > day) or (until and until <= day):
            errors.append(
                CellError(
                    row.row,
                    where,
                    _("%(n)s (%(c)s) bestond niet op %(d)s.")
                    % {"n": municipality["name"], "c": row.code, "d": day.isoformat()},
                )
            )
        elif row.name and _plain(row.name) != _plain(municipality["name"]):
            warnings.append(
                CellError(
                    row.row,
                    table.column_name(0),
                    _("De naam “%(a)s” wijkt af van %(b)s (%(c)s).")
                    % {"a": row.name, "b": municipality["name"], "c": row.code},
                )
            )
    return errors, warnings


def _regions(job: ImportJob, parsed) -> list[RegionInput]:
    return [
        RegionInput(
            name=region[:255],
            code=rows[0].region_code[:20],
            reference=f"import {job.pk}: {rows[0].region_code or region}"[:255],
            members=tuple(
                MemberInput(row.code, row.name, where=f"rij {row.row}", role=Role.PARTICIPANT)
                for row in rows
            ),
        )
        for region, rows in sorted(parsed.regions.items())
    ]


def _version(job: ImportJob) -> VersionInput:
    day = _reference_date(job)
    year = job.options.get("year")
    return VersionInput(
        valid_from=day,
        label=str(year) if year and day == datetime.date(int(year), 1, 1) else day.isoformat(),
        source=DataSource.objects.filter(slug=REGISTRATION_SOURCE["slug"]).first(),
        provenance=_("Geïmporteerd uit %(f)s (import %(id)d).")
        % {"f": job.original_name, "id": job.pk},
    )


def division_plan(job: ImportJob, table: Table, report: Callable[[int], None]) -> Plan:
    """A municipality -> region table as a version of a division (a new division, or a new
    version of an existing one), planned by the generic division path (divisions.services): the
    preview shows per region whether it continues a region of the version before, and which
    regions end."""
    parsed = division_rows(table)
    report(len(table.rows) // 2)
    plan = Plan(errors=[e.as_dict() for e in parsed.errors])
    family = _family(job, parsed.division_name)
    if not family.name:
        plan.errors.append(_general(_("Geef de naam van de indeling.")))
    day = _reference_date(job)
    found = {
        m["code"]: m
        for m in Municipality.objects.filter(code__in=[r.code for r in parsed.rows]).values(
            "code", "name", "valid_from", "valid_to"
        )
    }
    errors, warnings = _member_errors(parsed.rows, found, day, table)
    plan.errors += [e.as_dict() for e in errors]
    plan.warnings += [w.as_dict() for w in warnings]
    try:
        version_plan = division_version_plan(
            family=family, version=_version(job), regions=_regions(job, parsed)
        )
    except VersionError as exc:
        plan.errors.append(_general(str(exc)))
        version_plan = None
    if version_plan is not None and version_plan.later and version_plan.changes_anything():
        plan.errors.append(
            _general(
                _("Er is al een nieuwere versie van %(s)s dan %(d)s; kies een latere peildatum.")
                % {"s": family.slug, "d": day.isoformat()}
            )
        )
    _preview(plan, parsed, version_plan)
    plan.errors.sort(key=lambda e: (e["rij"], e["kolom"]))
    plan.version = version_plan
    plan.division = {"slug": family.slug, "name": family.name}
    plan.summary = {
        "indeling": family.name,
        "code": family.slug,
        "jaar": day.year,
        "peildatum": day.isoformat(),
        "bestaandeIndeling": bool(version_plan and version_plan.division),
        "regios": len(parsed.regions),
        "gemeenten": len(parsed.rows),
        "voortgezet": len(version_plan.continued) if version_plan else 0,
        "nieuw": len(version_plan.new) if version_plan else 0,
        "beeindigd": [r.short_name or r.name for r in version_plan.ended] if version_plan else [],
        "verhuisd": len(version_plan.moved) if version_plan else 0,
        "fouten": len(plan.errors),
    }
    report(len(table.rows))
    return plan


def _preview(plan: Plan, parsed, version_plan: VersionPlan | None) -> None:
    assignments = {a.region.name: a for a in version_plan.assignments} if version_plan else {}
    for region, rows in sorted(parsed.regions.items()):
        assignment = assignments.get(region[:255])
        previous = assignment.previous if assignment else None
        if len(rows) == 1:
            plan.warnings.append(
                CellError(
                    rows[0].row, "regio " + region, _("Deze regio heeft één gemeente.")
                ).as_dict()
            )
        plan.preview.append(
            {
                "regio": region,
                "naam": version_plan.family.region_name(region) if version_plan else region,
                "actie": "voortgezet" if previous else "nieuw",
                "vorigeRegio": (previous.short_name or previous.name) if previous else None,
                "aantal": len(rows),
                "gemeenten": [r.code for r in rows][:100],
                "rijen": [r.row for r in rows][:100],
            }
        )
