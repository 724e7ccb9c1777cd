"""One cooperation recorded twice: the region of an official division (e.g. "Veiligheidsregio
Utrecht" of the veiligheidsregio's) and the gemeenschappelijke regeling that carries it out,
recorded by another source (OpenGR 2015) under the same name with the same members. Both records
are kept as recorded (docs/adr/0002-members-kept-as-recorded.md); where a list shows both on
one date, it shows the region once and names the other record on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..names import normalise


def _key(row: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return normalise(row["naam"]), tuple(sorted(row["gemeenten"]))


def same_bodies_merge(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` (dicts with ``id``, ``slug``, ``naam``, ``indeling`` and ``gemeenten``, the
    member codes on the date) without the records that duplicate a region of a division in the
    same list: same normalised name and the same members. The region gets
    ``ookGeregistreerdAls`` (the slugs of the records it stands for); every other row an
    empty list. The order of ``rows`` is kept."""
    regions = {_key(row): row for row in rows if row["indeling"] and row["gemeenten"]}
    kept = []
    for row in rows:
        row.setdefault("ookGeregistreerdAls", [])
        region = None if row["indeling"] else regions.get(_key(row))
        if region is None:
            kept.append(row)
        else:
            region.setdefault("ookGeregistreerdAls", []).append(row["slug"])
    return kept
