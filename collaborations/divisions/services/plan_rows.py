"""The rows a version plan is made of (:mod:`.versions`): the stored regions and memberships
it reads, the assignment of each region of the file to an arrangement, the municipalities that
move, the membership changes, and the plan itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from collaborations.divisions.models import Division
from collaborations.divisions.services.inputs import FamilySpec, RegionInput, VersionInput


class VersionError(Exception):
    """A version cannot be applied; the message says why (and names the division)."""


@dataclass(frozen=True)
class RegionRow:
    """An arrangement of the division as it is stored."""

    id: int
    name: str
    short_name: str
    code: str
    start: datetime.date | None
    end: datetime.date | None
    source_id: int | None = None
    reference: str = ""

    def in_force(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or self.end > day)


@dataclass(frozen=True)
class MemberRow:
    id: int
    arrangement_id: int
    municipality_id: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    role: str
    name: str


@dataclass
class Assignment:
    """A region of the file and the arrangement that holds it (None: to be created)."""

    region: RegionInput
    arrangement_id: int | None
    members: dict[int, tuple[str, str]]  # municipality id -> (role, name as recorded)
    previous: RegionRow | None = None  # the region it continues
    overlap: float | None = None


@dataclass(frozen=True)
class Moved:
    """A municipality whose region changes on the version's date. ``by_merger``: it only
    leaves regions it was in through a predecessor it absorbed (Weesp's region for Amsterdam),
    and stays in one it was in already."""

    code: str
    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    by_merger: bool = False


@dataclass
class MembershipChanges:
    create: list[tuple[int, int, str, str]] = field(
        default_factory=list
    )  # (assignment, m, role, name)
    end: list[int] = field(default_factory=list)  # valid_to = day
    reopen: list[int] = field(default_factory=list)  # valid_to = None
    delete: list[int] = field(default_factory=list)
    relabel: list[tuple[int, str, str]] = field(default_factory=list)  # (id, role, name)

    def __bool__(self) -> bool:
        return any((self.create, self.end, self.reopen, self.delete, self.relabel))


@dataclass
class VersionPlan:
    family: FamilySpec
    version: VersionInput
    division: Division | None
    later: bool  # a newer version exists
    assignments: list[Assignment] = field(default_factory=list)
    ended: list[RegionRow] = field(default_factory=list)
    #: regions an earlier run of this version made that the file no longer lists (they end
    #: on the day they began: never in force, but kept, with their ids)
    dropped: list[RegionRow] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)  # also those by_merger
    unmatched: list[str] = field(default_factory=list)
    memberships: MembershipChanges = field(default_factory=MembershipChanges)
    regions_to_end: list[int] = field(default_factory=list)
    regions_to_reopen: list[int] = field(default_factory=list)

    @property
    def day(self) -> datetime.date:
        return self.version.valid_from

    @property
    def continued(self) -> list[Assignment]:
        return [a for a in self.assignments if a.previous is not None]

    @property
    def new(self) -> list[Assignment]:
        return [a for a in self.assignments if a.previous is None]

    def changes_anything(self) -> bool:
        return bool(
            self.memberships
            or self.regions_to_end
            or self.regions_to_reopen
            or any(a.arrangement_id is None for a in self.assignments)
        )
