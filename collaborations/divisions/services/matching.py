"""Which region of a new version continues which region of the version before it: pure
functions on member sets (docs/adr/0007-divisions-through-time.md).

A region of the new version continues a region in force before it when
1. both have the same CBS region code, or
2. they are each other's best match by member overlap (the Jaccard index of their member sets,
   the old members mapped through the lineage to the municipalities of the new date) and the
   overlap is at least :data:`MIN_OVERLAP`. Ties go to the region with the same normalised
   name, then to the lowest key.

The data proved "same name" too strict as a condition (renames such as Utrecht -> Utrecht Stad,
Ressort Amsterdam -> Gerechtshof Amsterdam keep every member); the name only breaks ties."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Candidate:
    """A region as the matcher sees it: its code, a normalised name and its members (ids of the
    municipalities that represent them on the new version's date)."""

    code: str
    name: str
    members: frozenset[int]


@dataclass(frozen=True)
class Match:
    old: Hashable
    new: Hashable
    overlap: float
    by_code: bool


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _best(
    key: Hashable, region: Candidate, others: Mapping[Hashable, Candidate]
) -> tuple[Hashable, float] | None:
    scored = [
        (jaccard(region.members, other.members), other.name == region.name, other_key)
        for other_key, other in others.items()
    ]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], not s[1], str(s[2])))
    return scored[0][2], scored[0][0]


def _by_code(
    old: Mapping[Hashable, Candidate],
    new: Mapping[Hashable, Candidate],
    left_old: dict[Hashable, Candidate],
    left_new: dict[Hashable, Candidate],
) -> list[Match]:
    codes = {region.code: key for key, region in old.items() if region.code}
    matches = []
    for key, region in new.items():
        old_key = codes.get(region.code) if region.code else None
        if old_key is not None and old_key in left_old:
            overlap = jaccard(old[old_key].members, region.members)
            matches.append(Match(old_key, key, overlap, by_code=True))
            del left_old[old_key], left_new[key]
    return matches


def _mutual(
    left_old: dict[Hashable, Candidate], left_new: dict[Hashable, Candidate]
) -> list[Match]:
    found = []
    for key, region in left_new.items():
        best = _best(key, region, left_old)
        if best is None or best[1] < MIN_OVERLAP:
            continue
        back = _best(best[0], left_old[best[0]], left_new)
        if back is not None and back[0] == key:
            found.append(Match(best[0], key, best[1], by_code=False))
    return found


def regions_match(
    old: Mapping[Hashable, Candidate], new: Mapping[Hashable, Candidate]
) -> list[Match]:
    """The continuations from ``old`` to ``new`` regions: first by code, then by mutual best
    overlap of at least MIN_OVERLAP, repeated until no pair is left."""
    left_old, left_new = dict(old), dict(new)
    matches = _by_code(old, new, left_old, left_new)
    while found := _mutual(left_old, left_new):
        for match in found:
            matches.append(match)
            del left_old[match.old], left_new[match.new]
    return matches
