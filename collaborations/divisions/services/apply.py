"""Writing a planned version of a division (:mod:`.versions`): the division, its version with
the report, the regions (arrangements) and their memberships. Batch queries, never one per
region; all in the caller's transaction. Returns what changed, per kind of row, and the ids of
the regions whose members changed (their footprints need recomputing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from collaborations.arrangements.models import Arrangement, Membership, Theme
from collaborations.arrangements.services.themes import themes_seed
from collaborations.core.choices import PublicationStatus
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.divisions.services.plan_rows import Assignment, VersionError, VersionPlan

#: Arrangement fields a new version keeps in step with its source.
REGION_FIELDS = (
    "name",
    "short_name",
    "region_code",
    "legal_form_family",
    "legal_form",
    "is_mandatory",
    "description",
    "provenance_note",
)


@dataclass
class VersionResult:
    division: Division
    version: DivisionVersion
    #: {"divisions" | "versions" | "regions" | "memberships": [created, updated, unchanged]}
    counts: dict[str, list[int]] = field(default_factory=dict)
    changed_regions: list[int] = field(default_factory=list)  # their members changed
    written_regions: list[int] = field(default_factory=list)  # anything about them changed
    report: dict[str, Any] = field(default_factory=dict)

    def tally(self, label: str, created: int, updated: int, unchanged: int) -> None:
        self.counts[label] = [created, updated, unchanged]


# --- the division and its version -----------------------------------------------------------
def _division_values(plan: VersionPlan) -> dict[str, Any]:
    family = plan.family
    values = {
        "name": family.name,
        "domain": family.domain,
        "kind": family.kind,
        "country": family.country,
        "description": family.description,
    }
    if not plan.later:
        values["source_id"] = plan.version.source.pk if plan.version.source else None
    return values


def _division_upsert(plan: VersionPlan) -> tuple[Division, int, int]:
    """(division, created, updated)."""
    values = _division_values(plan)
    division = plan.division
    if division is None:
        return Division.objects.create(slug=plan.family.slug, **values), 1, 0
    changed = [name for name, value in values.items() if getattr(division, name) != value]
    for name in changed:
        setattr(division, name, values[name])
    if changed:
        division.save(update_fields=[name.removesuffix("_id") for name in changed])
    return division, 0, int(bool(changed))


def _version_upsert(
    plan: VersionPlan, division: Division, report: dict[str, Any]
) -> tuple[DivisionVersion, bool | None]:
    """(version, created: True / updated: False / unchanged: None)."""
    values = {
        "label": plan.version.label,
        "source": plan.version.source,
        "report": report,
    }
    version = DivisionVersion.objects.filter(
        division=division, valid_from=plan.version.valid_from
    ).first()
    if version is None:
        return DivisionVersion.objects.create(
            division=division, valid_from=plan.version.valid_from, **values
        ), True
    if all(getattr(version, name) == value for name, value in values.items()):
        return version, None
    for name, value in values.items():
        setattr(version, name, value)
    version.save()
    return version, False


# --- regions ------------------------------------------------------------------------------
def _description(plan: VersionPlan, assignment: Assignment) -> str:
    region = assignment.region
    note = f" {region.note}" if region.note else ""
    return (
        f"Regio {region.name} van de indeling {plan.family.name} "
        f"(versie {plan.version.label}).{note}"
    )


def _fields(plan: VersionPlan, assignment: Assignment, name: str) -> dict[str, Any]:
    defaults, region = plan.family.regions, assignment.region
    previous_code = assignment.previous.code if assignment.previous else ""
    basis = f" {defaults.basis}" if defaults.basis else ""
    return {
        "name": name,
        "short_name": region.name[:80],
        "region_code": (region.code or previous_code)[:20],
        "legal_form_family": defaults.legal_form_family,
        "legal_form": defaults.legal_form,
        "is_mandatory": defaults.is_mandatory,
        "description": _description(plan, assignment),
        "provenance_note": f"{plan.version.provenance}{basis}".strip(),
    }


def _names(plan: VersionPlan, division: Division) -> list[str]:
    """The arrangement name of every assignment, unique within the division (a name an
    unrelated region of the division already has gets the version's label)."""
    own = {a.arrangement_id for a in plan.assignments if a.arrangement_id}
    taken = set(
        Arrangement.objects.filter(division=division)
        .exclude(pk__in=own)
        .values_list("name", flat=True)
    )
    names = []
    for assignment in plan.assignments:
        name = plan.family.region_name(assignment.region.name)
        if name in taken:
            name = f"{name} ({plan.version.label})"[:255]
        taken.add(name)
        names.append(name)
    return names


def _slugs(names: list[str]) -> list[str]:
    """A new slug per name (slugs are permalinks: an existing arrangement keeps its own)."""
    taken = set(Arrangement.objects.values_list("slug", flat=True))
    result = []
    for name in names:
        base = (slugify(name) or "regio")[:240].strip("-")
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        result.append(slug)
    return result


def _create_regions(plan: VersionPlan, division: Division, names: list[str]) -> list[int]:
    todo = [(i, a) for i, a in enumerate(plan.assignments) if a.arrangement_id is None]
    slugs = _slugs([names[i] for i, _ in todo])
    source = plan.version.source
    objects = [
        Arrangement(
            **_fields(plan, assignment, names[i]),
            slug=slug,
            division=division,
            start_date=plan.day,
            publication_status=PublicationStatus.PUBLISHED,
            source=source,
            source_reference=(assignment.region.reference or "")[:255],
        )
        for (i, assignment), slug in zip(todo, slugs, strict=True)
    ]
    Arrangement.objects.bulk_create(objects, batch_size=500)
    for (_, assignment), arrangement in zip(todo, objects, strict=True):
        assignment.arrangement_id = arrangement.pk
    return [arrangement.pk for arrangement in objects]


def _update_regions(plan: VersionPlan, names: list[str]) -> set[int]:
    """Fields of existing regions (only when no newer version exists), end dates."""
    existing = {
        a.arrangement_id: (i, a) for i, a in enumerate(plan.assignments) if a.arrangement_id
    }
    changed: list[Arrangement] = []
    if not plan.later:
        for arrangement in Arrangement.objects.filter(pk__in=existing).defer("footprint"):
            i, assignment = existing[arrangement.pk]
            values = _fields(plan, assignment, names[i])
            if any(getattr(arrangement, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(arrangement, key, value)
                changed.append(arrangement)
    now = timezone.now()
    for arrangement in changed:
        arrangement.updated_at = now
    Arrangement.objects.bulk_update(changed, [*REGION_FIELDS, "updated_at"], batch_size=500)
    if plan.regions_to_end:
        Arrangement.objects.filter(pk__in=plan.regions_to_end).update(
            end_date=plan.day, updated_at=now, version=F("version") + 1
        )
    if plan.regions_to_reopen:
        Arrangement.objects.filter(pk__in=plan.regions_to_reopen).update(
            end_date=None, updated_at=now, version=F("version") + 1
        )
    return {a.pk for a in changed} | set(plan.regions_to_end) | set(plan.regions_to_reopen)


def _themes(plan: VersionPlan) -> set[int]:
    """Every region has the family's themes (others are left alone); returns the ids of the
    regions that got one."""
    slugs = plan.family.regions.themes
    if not slugs:
        return set()
    themes_seed()  # the baseline list, should it have been emptied
    ids = dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "id"))
    if missing := sorted(set(slugs) - set(ids)):
        raise VersionError(
            f"{plan.family.slug}: theme(s) {', '.join(missing)} not in the theme list"
        )
    through = Arrangement.themes.through
    regions = [a.arrangement_id for a in plan.assignments]
    has = set(
        through.objects.filter(arrangement_id__in=regions, theme_id__in=ids.values()).values_list(
            "arrangement_id", "theme_id"
        )
    )
    add = [
        through(arrangement_id=a, theme_id=t)
        for a in regions
        for t in ids.values()
        if (a, t) not in has
    ]
    through.objects.bulk_create(add, batch_size=1000)
    return {link.arrangement_id for link in add}


# --- memberships --------------------------------------------------------------------------
def _write_memberships(plan: VersionPlan) -> set[int]:
    changes, day = plan.memberships, plan.day
    source = plan.version.source
    new = [
        Membership(
            arrangement_id=plan.assignments[index].arrangement_id,
            municipality_id=municipality_id,
            role=role,
            name_as_recorded=name,
            valid_from=day,
            source=source,
        )
        for index, municipality_id, role, name in changes.create
    ]
    touched = {m.arrangement_id for m in new}
    for ids, values in ((changes.end, {"valid_to": day}), (changes.reopen, {"valid_to": None})):
        touched |= set(
            Membership.objects.filter(pk__in=ids).values_list("arrangement_id", flat=True)
        )
        Membership.objects.filter(pk__in=ids).update(**values)
    touched |= set(
        Membership.objects.filter(pk__in=changes.delete).values_list("arrangement_id", flat=True)
    )
    Membership.objects.filter(pk__in=changes.delete).delete()
    Membership.objects.bulk_update(
        [Membership(pk=pk, role=role, name_as_recorded=name) for pk, role, name in changes.relabel],
        ["role", "name_as_recorded"],
    )
    Membership.objects.bulk_create(new, batch_size=1000)
    return touched


# --- the report ---------------------------------------------------------------------------
def version_report(plan: VersionPlan) -> dict[str, Any]:
    """What the version does, as JSON (stored on the version, shown by the API)."""
    continued = sorted(
        (
            {
                "id": a.arrangement_id,
                "naam": a.region.name,
                "code": a.region.code or None,
                "vorigeNaam": a.previous.short_name or a.previous.name,
                "overlap": round(a.overlap or 0.0, 3),
            }
            for a in plan.continued
            if a.previous
        ),
        key=lambda entry: (entry["naam"], entry["code"] or ""),
    )
    return {
        "indeling": plan.family.slug,
        "versie": plan.version.label,
        "geldigVanaf": plan.day.isoformat(),
        "regios": len(plan.assignments),
        "voortgezet": continued,
        "nieuw": sorted(
            (
                {"id": a.arrangement_id, "naam": a.region.name, "code": a.region.code or None}
                for a in plan.new
            ),
            key=lambda entry: (entry["naam"], entry["code"] or ""),
        ),
        "beeindigd": [{"id": r.id, "naam": r.short_name or r.name} for r in plan.ended],
        "vervallen": [{"id": r.id, "naam": r.short_name or r.name} for r in plan.dropped],
        "verhuisd": [_moved(m) for m in plan.moved if not m.by_merger],
        "naHerindeling": [_moved(m) for m in plan.moved if m.by_merger],
        "onbekend": list(plan.unmatched),
    }


def _moved(moved) -> dict[str, Any]:
    return {
        "code": moved.code,
        "naam": moved.name,
        "van": list(moved.before),
        "naar": list(moved.after),
    }


def version_report_lines(report: dict[str, Any]) -> list[str]:
    """The report as lines of text (manage.py load)."""
    renamed = [c for c in report["voortgezet"] if c["vorigeNaam"] != c["naam"]]
    lines = [
        f"{report['indeling']} {report['versie']} (from {report['geldigVanaf']}): "
        f"{report['regios']} regions, {len(report['voortgezet'])} continued "
        f"({len(renamed)} renamed), {len(report['nieuw'])} new, "
        f"{len(report['beeindigd'])} ended, {len(report['verhuisd'])} municipalities moved "
        f"(and {len(report['naHerindeling'])} whose predecessors' regions merged)"
    ]
    lines += [f"  renamed: {c['vorigeNaam']} -> {c['naam']}" for c in renamed]
    lines += [f"  new: {item['naam']}" for item in report["nieuw"] if report["voortgezet"]]
    lines += [f"  ended: {item['naam']}" for item in report["beeindigd"]]
    lines += [f"  no longer listed: {item['naam']}" for item in report.get("vervallen", [])]
    lines += [
        f"  moved: {m['naam']} ({m['code']}): {', '.join(m['van'])} -> {', '.join(m['naar'])}"
        for m in report["verhuisd"]
    ]
    return lines


# --- all of it ----------------------------------------------------------------------------
def _refuse_older_changes(plan: VersionPlan) -> None:
    if plan.later and plan.changes_anything():
        raise VersionError(
            f"{plan.family.slug}: version {plan.version.label} ({plan.day}) differs from what "
            "was loaded, and a newer version exists; load the versions of a division in date order"
        )


def division_version_apply(*, plan: VersionPlan) -> VersionResult:
    """Write ``plan`` in one transaction (the caller's, if any)."""
    _refuse_older_changes(plan)
    with transaction.atomic():
        division, created, updated = _division_upsert(plan)
        names = _names(plan, division)
        new_ids = _create_regions(plan, division, names)
        updated_ids = _update_regions(plan, names) | (_themes(plan) - set(new_ids))
        touched = _write_memberships(plan)
        report = version_report(plan)
        version, version_state = _version_upsert(plan, division, report)
    result = VersionResult(division=division, version=version, report=report)
    result.tally("divisions", created, updated, 1 - created - updated)
    result.tally("versions", *_state_counts(version_state))
    regions = len(plan.assignments) + len(plan.regions_to_end)
    result.tally(
        "regions", len(new_ids), len(updated_ids), regions - len(new_ids) - len(updated_ids)
    )
    result.tally("memberships", *_membership_counts(plan))
    result.changed_regions = sorted(set(new_ids) | touched | set(plan.regions_to_end))
    result.written_regions = sorted(set(result.changed_regions) | updated_ids)
    return result


def _state_counts(state: bool | None) -> tuple[int, int, int]:
    return (int(state is True), int(state is False), int(state is None))


def _membership_counts(plan: VersionPlan) -> tuple[int, int, int]:
    changes = plan.memberships
    wanted = sum(len(a.members) for a in plan.assignments)
    created = len(changes.create)
    updated = len(changes.end) + len(changes.reopen) + len(changes.delete) + len(changes.relabel)
    kept = wanted - created - len(changes.reopen) - len(changes.relabel)
    return created, updated, max(kept, 0)


__all__ = [
    "VersionResult",
    "division_version_apply",
    "version_report",
    "version_report_lines",
]
