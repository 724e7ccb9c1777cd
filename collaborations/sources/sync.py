"""Upserting arrangements, their themes and memberships from a published list, shared by the
arrangement importers (regioatlas.py, opengr.py).

Rows are keyed by (source, source_reference); a re-run that finds nothing changed writes nothing
and reports everything as unchanged. Queries are per batch, never per row."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from collaborations.arrangements.models import Arrangement, DataSource, Membership, Theme
from collaborations.arrangements.services.themes import themes_seed
from collaborations.sources.base import ImportError_, ImportReport, read_csv

#: (arrangement id, member field ("municipality", "province", "organisation"), member id)
MemberKey = tuple[int, str, int]
MEMBER_FIELDS = ("municipality", "province", "organisation")
ARRANGEMENT_FIELDS = (
    "name",
    "short_name",
    "division_id",
    "legal_form_family",
    "legal_form",
    "is_mandatory",
    "publication_status",
    "description",
    "provenance_note",
)


@dataclass(frozen=True)
class DataSourceSpec:
    slug: str
    name: str
    publisher: str
    url: str
    licence: str
    year: int


@dataclass
class ArrangementSpec:
    """An arrangement as the source describes it. ``slug`` is used only when it is created
    (slugs are permalinks); ``fields`` are kept in step with the source on every run."""

    source_reference: str
    slug: str
    themes: tuple[str, ...]
    fields: dict[str, object] = field(default_factory=dict)


def read_table(
    path: Path, columns: Iterable[str], *, label: str, delimiter: str = ","
) -> list[tuple[int, dict[str, str]]]:
    """All rows of a CSV file; ImportError_ naming the file when a column is missing."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle, delimiter=delimiter), [])
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{label}: not UTF-8 ({exc})") from exc
    missing = [column for column in columns if column not in {h.strip() for h in header}]
    if missing:
        raise ImportError_(f"{label}, line 1: missing column(s) {', '.join(missing)}")
    return list(read_csv(path, delimiter=delimiter))


def datasource_upsert(spec: DataSourceSpec) -> DataSource:
    """The DataSource row of a published file, created or brought up to date; ``loaded_at``
    is set on every run (it is not counted as a change)."""
    values = {
        "name": spec.name,
        "publisher": spec.publisher,
        "url": spec.url,
        "licence": spec.licence,
        "year": spec.year,
        "loaded_at": timezone.now(),
    }
    source, _ = DataSource.objects.update_or_create(slug=spec.slug, defaults=values)
    return source


def sync_arrangements(
    *, source: DataSource, specs: list[ArrangementSpec], report: ImportReport
) -> dict[str, Arrangement]:
    """Create or update the arrangements of ``source`` and their themes; return them by
    source_reference. Arrangements of the source that are no longer listed are kept (noted)."""
    existing = {
        arrangement.source_reference: arrangement
        for arrangement in Arrangement.objects.filter(source=source).defer("footprint")
    }
    taken = set(Arrangement.objects.values_list("slug", flat=True))
    new: list[Arrangement] = []
    changed: list[Arrangement] = []
    for spec in specs:
        arrangement = existing.get(spec.source_reference)
        if arrangement is None:
            slug = _unique_slug(spec.slug, taken)
            new.append(
                Arrangement(
                    source=source, source_reference=spec.source_reference, slug=slug, **spec.fields
                )
            )
        elif _apply(arrangement, spec.fields):
            changed.append(arrangement)
    Arrangement.objects.bulk_create(new, batch_size=500)
    now = timezone.now()
    for arrangement in changed:
        arrangement.updated_at = now
    Arrangement.objects.bulk_update(changed, [*ARRANGEMENT_FIELDS, "updated_at"], batch_size=500)
    by_reference = {a.source_reference: a for a in [*existing.values(), *new]}
    themed = _sync_themes(specs, by_reference)
    stale = set(existing) - {spec.source_reference for spec in specs}
    if stale:
        report.notes.append(f"{len(stale)} arrangements of {source.slug} no longer listed (kept)")
    updated = {a.pk for a in changed} | (themed - {a.pk for a in new})
    tally(report, "arrangements", len(new), len(updated), len(specs) - len(new) - len(updated))
    return {spec.source_reference: by_reference[spec.source_reference] for spec in specs}


def _unique_slug(slug: str, taken: set[str]) -> str:
    slug = slug[:240].strip("-") or "samenwerking"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _apply(arrangement: Arrangement, fields: dict[str, object]) -> bool:
    changed = False
    for name, value in fields.items():
        if getattr(arrangement, name) != value:
            setattr(arrangement, name, value)
            changed = True
    return changed


def _sync_themes(specs: list[ArrangementSpec], by_reference: dict[str, Arrangement]) -> set[int]:
    """Make each arrangement's themes exactly those of its spec; return the ids of the
    arrangements whose themes changed."""
    slugs = {slug for spec in specs for slug in spec.themes}

    themes_seed()  # the baseline list, should it have been emptied
    theme_ids = dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "id"))
    if missing := sorted(slugs - set(theme_ids)):
        raise ImportError_(f"theme(s) {', '.join(missing)} not in the theme list")
    through = Arrangement.themes.through
    desired = {
        (by_reference[spec.source_reference].pk, theme_ids[slug])
        for spec in specs
        for slug in spec.themes
    }
    arrangement_ids = {by_reference[spec.source_reference].pk for spec in specs}
    current = {
        (a_id, t_id): row_id
        for row_id, a_id, t_id in through.objects.filter(
            arrangement_id__in=arrangement_ids
        ).values_list("id", "arrangement_id", "theme_id")
    }
    extra = [row_id for pair, row_id in current.items() if pair not in desired]
    through.objects.filter(id__in=extra).delete()
    add = [pair for pair in desired if pair not in current]
    through.objects.bulk_create(
        [through(arrangement_id=a_id, theme_id=t_id) for a_id, t_id in add], batch_size=1000
    )
    return {a_id for a_id, _ in add} | {pair[0] for pair in current if pair not in desired}


def sync_memberships(
    *,
    source: DataSource,
    arrangements: Iterable[Arrangement],
    desired: dict[MemberKey, tuple[str, str]],
    report: ImportReport,
) -> None:
    """Make the open-ended memberships (valid_from null) that ``source`` recorded for these
    arrangements exactly ``desired`` ((arrangement, field, id) -> (role, name as recorded)).
    Memberships recorded by others are left alone and never duplicated."""
    ids = [arrangement.pk for arrangement in arrangements]
    existing = Membership.objects.filter(arrangement_id__in=ids, valid_from__isnull=True).only(
        "id",
        "arrangement_id",
        *(f"{f}_id" for f in MEMBER_FIELDS),
        "role",
        "name_as_recorded",
        "source_id",
    )
    seen: set[MemberKey] = set()
    changed: list[Membership] = []
    stale: list[int] = []
    for membership in existing:
        key = _member_key(membership)
        seen.add(key)
        if membership.source_id != source.pk:
            continue
        if key not in desired:
            stale.append(membership.pk)
        elif (membership.role, membership.name_as_recorded) != desired[key]:
            membership.role, membership.name_as_recorded = desired[key]
            changed.append(membership)
    Membership.objects.filter(id__in=stale).delete()
    Membership.objects.bulk_update(changed, ["role", "name_as_recorded"], batch_size=1000)
    new = [
        Membership(
            arrangement_id=a_id,
            **{f"{member_field}_id": member_id},
            role=role,
            name_as_recorded=name[:255],
            source=source,
        )
        for (a_id, member_field, member_id), (role, name) in desired.items()
        if (a_id, member_field, member_id) not in seen
    ]
    Membership.objects.bulk_create(new, batch_size=1000)
    tally(report, "memberships", len(new), len(changed), len(desired) - len(new) - len(changed))
    if stale:
        report.counts["memberships deleted"] = len(stale)


def _member_key(membership: Membership) -> MemberKey:
    for member_field in MEMBER_FIELDS:
        member_id = getattr(membership, f"{member_field}_id")
        if member_id is not None:
            return (membership.arrangement_id, member_field, member_id)
    raise AssertionError("a membership has exactly one member")  # database constraint


def tally(report: ImportReport, label: str, created: int, updated: int, unchanged: int) -> None:
    """Add a batch's counts to the report's totals and record them under ``label``."""
    report.created += created
    report.updated += updated
    report.unchanged += unchanged
    report.counts[f"{label} created"] = created
    report.counts[f"{label} updated"] = updated
