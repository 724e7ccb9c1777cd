"""The plan of a version of a division: which regions continue, which are new and which end,
which municipalities move, and the membership changes that make the regions on the version's
date exactly those of the file (docs/adr/0007-divisions-through-time.md). Reads only; the
writes are in :mod:`.apply`. The dry run of a bulk import shows the same plan.

On the version's date ``day``: the regions in force the day before are matched with the new
ones (:mod:`.matching`); a continued region keeps its arrangement, and its memberships change on
``day`` (a member that leaves gets ``valid_to = day``, a new member ``valid_from = day``, a member
that stays keeps its membership); a region not continued ends on ``day``; a new region starts on
``day``. Applying the same version again changes nothing; applying it with a changed file undoes
what the earlier run did on ``day`` (memberships it started are deleted, those it ended reopen).
A version older than the latest one can only be applied again unchanged."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.names import normalise
from collaborations.core.choices import Role
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.divisions.services.inputs import FamilySpec, RegionInput, VersionInput
from collaborations.divisions.services.matching import Candidate, regions_match
from collaborations.divisions.services.plan_rows import (
    Assignment,
    MemberRow,
    MembershipChanges,
    Moved,
    RegionRow,
    VersionError,
    VersionPlan,
)
from collaborations.geography.models import Municipality, MunicipalityLineage
from collaborations.geography.selectors.validity import valid_on

ONE_DAY = datetime.timedelta(days=1)


# --- reading the stored division ------------------------------------------------------------
def _regions(division: Division | None) -> list[RegionRow]:
    if division is None:
        return []
    rows = Arrangement.objects.filter(division=division).values_list(
        "id",
        "name",
        "short_name",
        "region_code",
        "start_date",
        "end_date",
        "source_id",
        "source_reference",
    )
    return [RegionRow(*row) for row in rows]


def _names_before(division: Division | None, day: datetime.date) -> dict[int, str]:
    """{region id: its name in the version before ``day``} from that version's report (a
    region's stored name is that of the latest version applied)."""
    if division is None:
        return {}
    version = (
        DivisionVersion.objects.filter(division=division, valid_from__lt=day)
        .order_by("-valid_from")
        .first()
    )
    report = version.report if version else {}
    entries = [*report.get("nieuw", []), *report.get("voortgezet", [])]
    return {entry["id"]: entry["naam"] for entry in entries if entry.get("id")}


def _memberships(division: Division | None, day: datetime.date) -> list[MemberRow]:
    """Municipal memberships of the division's regions valid the day before ``day``, on
    ``day``, or ending on ``day``."""
    if division is None:
        return []
    rows = (
        Membership.objects.filter(arrangement__division=division, municipality__isnull=False)
        .filter(valid_on(day - ONE_DAY) | valid_on(day) | Q(valid_to=day))
        .values_list(
            "id",
            "arrangement_id",
            "municipality_id",
            "valid_from",
            "valid_to",
            "role",
            "name_as_recorded",
        )
    )
    return [MemberRow(*row) for row in rows]


def _valid(row: MemberRow, day: datetime.date) -> bool:
    return (row.valid_from is None or row.valid_from <= day) and (
        row.valid_to is None or row.valid_to > day
    )


def _lineage(ids: set[int], day: datetime.date) -> dict[int, frozenset[int]]:
    """{municipality id: the municipalities that represent it on ``day``}; a municipality
    without any lineage (not rebuilt yet) represents itself."""
    traced = set(
        MunicipalityLineage.objects.filter(ancestor_id__in=ids).values_list(
            "ancestor_id", flat=True
        )
    )
    rows = MunicipalityLineage.objects.filter(
        Q(since__isnull=True) | Q(since__lte=day),
        valid_on(day, prefix="descendant__"),
        ancestor_id__in=ids,
    ).values_list("ancestor_id", "descendant_id")
    result: dict[int, set[int]] = {m: {m} for m in ids - traced}
    for ancestor, descendant in rows:
        result.setdefault(ancestor, set()).add(descendant)
    return {key: frozenset(value) for key, value in result.items()}


def _mapped(members, lineage: dict[int, frozenset[int]]) -> frozenset[int]:
    return frozenset(d for m in members for d in lineage.get(m, ()))


# --- the plan ---------------------------------------------------------------------------------
def _desired_members(
    plan: VersionPlan, regions: Sequence[RegionInput]
) -> list[dict[int, tuple[str, str]]]:
    """Per region, {municipality id: (role, name as recorded)}; unknown codes are reported."""
    codes = {m.code for region in regions for m in region.members}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "id"))
    lead = plan.family.regions.lead_is_region
    result = []
    for region in regions:
        members: dict[int, tuple[str, str]] = {}
        for member in region.members:
            if member.code not in ids:
                plan.unmatched.append(
                    f"{member.where or region.reference}: no municipality with code "
                    f"{member.code} ({member.name}) in {region.name}"
                )
                continue
            role = member.role
            if lead and normalise(member.name) == normalise(region.name):
                role = Role.LEAD
            members.setdefault(ids[member.code], (str(role), member.name[:255]))
        result.append(members)
    return result


def _check_keys(family: FamilySpec, regions: Sequence[RegionInput]) -> None:
    seen: set[str] = set()
    for region in regions:
        key = region.code or normalise(region.name)
        if key in seen:
            raise VersionError(f"{family.slug}: region {region.key!r} is listed twice")
        seen.add(key)


def _before(
    stored: list[RegionRow], rows: list[MemberRow], day: datetime.date
) -> tuple[dict[int, RegionRow], dict[int, set[int]]]:
    """The regions in force the day before ``day`` and their members on that day."""
    eve = day - ONE_DAY
    before = {r.id: r for r in stored if r.in_force(eve)}
    members: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        if row.arrangement_id in before and _valid(row, eve):
            members[row.arrangement_id].add(row.municipality_id)
    return before, members


def _assign(
    plan: VersionPlan,
    regions: Sequence[RegionInput],
    members: list[dict[int, tuple[str, str]]],
    stored: list[RegionRow],
    rows: list[MemberRow],
) -> None:
    day = plan.day
    before, before_members = _before(stored, rows, day)
    ids = {m for ms in before_members.values() for m in ms}
    lineage = _lineage(ids.union(*members), day)
    old = {
        r.id: Candidate(
            r.code, normalise(r.short_name or r.name), _mapped(before_members[r.id], lineage)
        )
        for r in before.values()
    }
    new = {
        i: Candidate(region.code, normalise(region.name), _mapped(members[i], lineage))
        for i, region in enumerate(regions)
    }
    matched = {m.new: m for m in regions_match(old, new)}
    started = {r.id: r for r in stored if r.start == day and r.id not in before}
    for i, region in enumerate(regions):
        match = matched.get(i)
        if match is not None:
            plan.assignments.append(
                Assignment(region, match.old, members[i], before[match.old], match.overlap)
            )
        else:
            plan.assignments.append(Assignment(region, _reuse(plan, region, started), members[i]))
    continued = {m.old for m in matched.values()}
    plan.ended = sorted((r for r in before.values() if r.id not in continued), key=lambda r: r.name)
    plan.moved = _moves(regions, before, old, new, matched)


def _reuse(plan: VersionPlan, region: RegionInput, started: dict[int, RegionRow]) -> int | None:
    """An arrangement that an earlier run of this version created for the region (the same
    reference in the same source, else the same code, else the same name); it is taken out of
    ``started``."""
    source_id = plan.version.source.pk if plan.version.source else None
    for test in (_same_reference, _same_code, _same_name):
        for row in started.values():
            if test(row, region, source_id):
                del started[row.id]
                return row.id
    return None


def _same_reference(row: RegionRow, region: RegionInput, source_id: int | None) -> bool:
    return bool(region.reference) and (row.source_id, row.reference) == (
        source_id,
        region.reference,
    )


def _same_code(row: RegionRow, region: RegionInput, source_id: int | None) -> bool:
    return bool(region.code) and row.code == region.code


def _same_name(row: RegionRow, region: RegionInput, source_id: int | None) -> bool:
    return not region.code and normalise(row.short_name or row.name) == normalise(region.name)


def _moves(regions, before, old, new, matched) -> list[Moved]:
    """Municipalities whose region changes on the version's date: a region that continues is
    the same region, whatever its name."""
    continues = {i: match.old for i, match in matched.items()}
    before_of: dict[int, set] = defaultdict(set)
    after_of: dict[int, set] = defaultdict(set)
    for key, region in old.items():
        for m in region.members:
            before_of[m].add(key)
    for i, region in new.items():
        for m in region.members:
            after_of[m].add(continues.get(i, ("new", i)))
    changed = [m for m in set(before_of) & set(after_of) if before_of[m] != after_of[m]]
    moved = []
    for pk, code, name in Municipality.objects.filter(pk__in=changed).values_list(
        "pk", "code", "name"
    ):
        was = sorted(before[key].short_name or before[key].name for key in before_of[pk])
        now = sorted(regions[i].name for i, region in new.items() if pk in region.members)
        by_merger = len(before_of[pk]) > 1 and after_of[pk] <= before_of[pk]
        moved.append(Moved(code, name, tuple(was), tuple(now), by_merger))
    return sorted(moved, key=lambda item: item.code)


def _membership_changes(plan: VersionPlan, rows: list[MemberRow]) -> None:
    """What makes the memberships on ``day`` exactly the assignments' members."""
    day, changes = plan.day, plan.memberships
    by_region: dict[int, dict[int, list[MemberRow]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_region[row.arrangement_id][row.municipality_id].append(row)
    assigned = {a.arrangement_id for a in plan.assignments if a.arrangement_id is not None}
    for index, assignment in enumerate(plan.assignments):
        _region_members(
            changes, index, assignment, by_region.get(assignment.arrangement_id, {}), day
        )
    for arrangement_id, members in by_region.items():
        if arrangement_id not in assigned:
            for member_rows in members.values():
                _member_leaves(changes, member_rows, day)


def _region_members(changes, index, assignment, stored, day) -> None:
    for municipality_id, (role, name) in assignment.members.items():
        rows = stored.get(municipality_id, [])
        _member_change(changes, index, municipality_id, role, name, rows, day)
    for municipality_id, member_rows in stored.items():
        if municipality_id not in assignment.members:
            _member_leaves(changes, member_rows, day)


def _member_change(changes, index, municipality_id, role, name, rows, day) -> None:
    current = next((r for r in rows if _valid(r, day)), None)
    if current is None:
        ended = next((r for r in rows if r.valid_to == day), None)
        if ended is None:
            changes.create.append((index, municipality_id, role, name))
            return
        changes.reopen.append(ended.id)
        current = ended
    if (current.role, current.name) != (role, name) and current.valid_from == day:
        changes.relabel.append((current.id, role, name))


def _member_leaves(changes: MembershipChanges, rows: list[MemberRow], day) -> None:
    for row in rows:
        if not _valid(row, day):
            continue
        if row.valid_from == day:
            changes.delete.append(row.id)
        else:
            changes.end.append(row.id)


def _region_changes(plan: VersionPlan, stored: list[RegionRow]) -> None:
    day = plan.day
    assigned = {a.arrangement_id for a in plan.assignments if a.arrangement_id is not None}
    rows = {r.id: r for r in stored}
    plan.regions_to_reopen = sorted(
        pk for pk in assigned if rows[pk].end is not None and rows[pk].end <= day
    )
    plan.dropped = sorted(
        (r for r in stored if r.id not in assigned and r.start == day), key=lambda r: r.name
    )
    plan.regions_to_end = sorted(
        r.id
        for r in stored
        if r.id not in assigned and (r.in_force(day) or r.start == day) and r.end != day
    )


def division_version_plan(
    *, family: FamilySpec, version: VersionInput, regions: Sequence[RegionInput]
) -> VersionPlan:
    """What applying ``version`` of ``family`` with ``regions`` would do (reads only).
    Raises VersionError when a region is listed twice."""
    _check_keys(family, regions)
    division = Division.objects.filter(slug=family.slug).first()
    later = (
        division is not None
        and DivisionVersion.objects.filter(
            division=division, valid_from__gt=version.valid_from
        ).exists()
    )
    plan = VersionPlan(family=family, version=version, division=division, later=later)
    members = _desired_members(plan, regions)
    stored = _regions(division)
    rows = _memberships(division, version.valid_from)
    names = _names_before(division, version.valid_from)
    stored = [
        dataclasses.replace(r, short_name=names[r.id]) if r.id in names else r for r in stored
    ]
    _assign(plan, regions, members, stored, rows)
    _membership_changes(plan, rows)
    _region_changes(plan, stored)
    return plan
