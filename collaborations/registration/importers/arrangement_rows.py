"""Rows of the arrangement template -> proposed states (see services.registration.state).

For a new arrangement (empty ``id``) every cell counts; for an existing one an empty cell
leaves the field as it is and ``(leeg)`` clears it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from collaborations.core.choices import OrganisationKind, Role
from collaborations.registration.importers.files import (
    CellError,
    FileProblem,
    Table,
    parse_date,
    split_list,
)

#: Columns of the arrangement template, in order (docs/registration.md describes them).
TEMPLATE_COLUMNS = (
    "id",
    "versie",
    "naam",
    "korte_naam",
    "rechtsvormfamilie",
    "rechtsvorm",
    "verplicht",
    "themas",
    "omschrijving",
    "website",
    "cbs_gr_code",
    "kvk_nummer",
    "startdatum",
    "einddatum",
    "levensfase",
    "leden",
    "partners",
)
REQUIRED_COLUMNS = ("naam", "rechtsvormfamilie", "themas", "leden")
#: Template column -> state field, for the plain fields.
FIELD_COLUMNS = {
    "naam": "name",
    "korte_naam": "short_name",
    "rechtsvormfamilie": "legal_form_family",
    "rechtsvorm": "legal_form",
    "verplicht": "is_mandatory",
    "omschrijving": "description",
    "website": "website",
    "cbs_gr_code": "cbs_gr_code",
    "kvk_nummer": "kvk_number",
    "startdatum": "start_date",
    "einddatum": "end_date",
    "levensfase": "stage",
}
STATE_TO_COLUMN = {v: k for k, v in FIELD_COLUMNS.items()} | {
    "themes": "themas",
    "members": "leden",
}
TEMPLATE_EXAMPLE = {
    "naam": "Regio Voorbeeldstreek",
    "korte_naam": "Voorbeeldstreek",
    "rechtsvormfamilie": "wgr",
    "rechtsvorm": "openbaar-lichaam",
    "verplicht": "nee",
    "themas": "wonen; mobiliteit",
    "omschrijving": "Samenwerking op wonen en bereikbaarheid.",
    "website": "https://www.voorbeeldstreek.nl",
    "cbs_gr_code": "GR0999",
    "kvk_nummer": "12345678",
    "startdatum": "2020-01-01",
    "leden": "GM0344:centrumgemeente; GM0307; GM0310",
    "partners": "Waterschap De Stichtse Rijnlanden (waterschap) | Hogeschool Utrecht (kennis)",
}
CLEAR = "(leeg)"
PARTNER_SEPARATORS = re.compile(r"[|\n]+")
MEMBER = re.compile(r"^(GM[0-9]{4}|PV[0-9]{2})(?::\s*([a-z-]+))?$", re.IGNORECASE)
PARTNER = re.compile(r"^(.+?)\s*\(([^()]+)\)\s*$")


# --- arrangement rows ---------------------------------------------------------------------------
@dataclass
class RowResult:
    """One row of an arrangement file: the state it proposes, or its errors."""

    row: int
    arrangement_id: int | None
    expected_version: int | None
    state: dict[str, Any] | None
    errors: list[CellError] = field(default_factory=list)


@dataclass
class ArrangementRows:
    results: list[RowResult]
    errors: list[CellError]
    warnings: list[CellError]


def header_index(table: Table, required: Sequence[str]) -> dict[str, int]:
    """Column name -> index; FileProblem when a required column is missing."""
    index = {}
    for i, name in enumerate(table.header):
        key = name.strip().lower().replace(" ", "_").replace("'", "")
        index.setdefault(key, i)
    missing = [c for c in required if c not in index]
    if missing:
        raise FileProblem(
            _("De kopregel mist de kolom(men) %(cols)s. Gebruik het sjabloon.")
            % {"cols": ", ".join(missing)}
        )
    return index


class _RowParser:
    """Turns the cells of one row into a state: plain fields, themes, members, partners."""

    def __init__(self, table: Table, index: dict[str, int], themes: dict[str, str]):
        self.table, self.index, self.themes = table, index, themes

    def cell(self, cells: list[str], name: str) -> str | None:
        """The text of column ``name``; None when the file has no such column."""
        i = self.index.get(name)
        if i is None:
            return None
        return cells[i].strip() if i < len(cells) else ""

    def column(self, name: str) -> str:
        return self.table.column_name(self.index[name])

    def parse(self, number: int, cells: list[str], current: dict | None) -> RowResult:
        result = RowResult(number, None, None, None)
        state = dict(current) if current else {"themes": [], "members": []}
        self._fields(result, cells, state, creating=current is None)
        self._themes(result, cells, state)
        self._members(result, cells, state)
        result.state = state
        return result

    def _set(self, state: dict, name: str, value: str, creating: bool) -> None:
        if value == CLEAR:
            state[name] = None if name in ("start_date", "end_date", "is_mandatory") else ""
        elif value or creating:
            state[name] = value

    def _fields(self, result: RowResult, cells: list[str], state: dict, creating: bool) -> None:
        for column, name in FIELD_COLUMNS.items():
            value = self.cell(cells, column)
            if value is None:
                continue
            if name in ("start_date", "end_date") and value and value != CLEAR:
                try:
                    value = parse_date(value) or ""
                except ValueError:
                    result.errors.append(
                        CellError(
                            result.row,
                            self.column(column),
                            _("“%(v)s” is geen datum; schrijf JJJJ-MM-DD.") % {"v": value},
                        )
                    )
                    continue
            if name == "is_mandatory" and value.lower() == "onbekend":
                value = CLEAR
            self._set(state, name, value, creating)

    def _themes(self, result: RowResult, cells: list[str], state: dict) -> None:
        value = self.cell(cells, "themas")
        if not value:
            return
        slugs, unknown = [], []
        for part in split_list(value):
            slug = self.themes.get(part.casefold())
            (slugs if slug else unknown).append(slug or part)
        if unknown:
            result.errors.append(
                CellError(
                    result.row,
                    self.column("themas"),
                    _("Onbekend thema: %(t)s.") % {"t": ", ".join(unknown)},
                )
            )
        state["themes"] = slugs

    def _members(self, result: RowResult, cells: list[str], state: dict) -> None:
        old = state.get("members") or []
        value = self.cell(cells, "leden")
        if value:
            kept = [m for m in old if m["kind"] == "organisation"]
            state["members"] = kept + self._public_members(result, value, old)
        value = self.cell(cells, "partners")
        if value:
            kept = [m for m in state["members"] if m["kind"] != "organisation"]
            state["members"] = kept + self._partners(result, value, old)

    def _public_members(self, result: RowResult, value: str, old: list[dict]) -> list[dict]:
        members = []
        for part in split_list(value):
            match = MEMBER.match(part)
            role = (match.group(2) or "").lower() if match else ""
            if not match or (role and role not in Role.values):
                result.errors.append(
                    CellError(
                        result.row,
                        self.column("leden"),
                        _(
                            "“%(p)s” is geen lid; schrijf een CBS-code (GM0344 of PV26), "
                            "eventueel met :rol (%(roles)s)."
                        )
                        % {"p": part, "roles": ", ".join(Role.values)},
                    )
                )
                continue
            code = match.group(1).upper()
            recorded = [m for m in old if m["code"] == code]
            kind = "municipality" if code.startswith("GM") else "province"
            members += [dict(m, role=role or m["role"]) for m in recorded] or [
                {"kind": kind, "code": code, "role": role or Role.PARTICIPANT}
            ]
        return members

    def _partners(self, result: RowResult, value: str, old: list[dict]) -> list[dict]:
        kinds = {k.casefold(): k for k in OrganisationKind.values} | {
            str(label).casefold(): k for k, label in OrganisationKind.choices
        }
        partners = []
        for part in split_list(value, PARTNER_SEPARATORS):
            match = PARTNER.match(part)
            kind = kinds.get(match.group(2).strip().casefold()) if match else None
            if not kind:
                result.errors.append(
                    CellError(
                        result.row,
                        self.column("partners"),
                        _("Schrijf een partner als “Naam (soort)”, soort één van: %(k)s.")
                        % {"k": ", ".join(OrganisationKind.values)},
                    )
                )
                continue
            name = match.group(1).strip()
            recorded = [m for m in old if m["kind"] == "organisation" and m["name"] == name]
            partners += recorded or [
                {"kind": "organisation", "name": name, "organisation_kind": kind}
            ]
        return partners


def _number(text: str | None) -> int | None:
    if text in (None, ""):
        return None
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _row_ids(parser: _RowParser, number: int, cells: list[str], errors: list) -> tuple:
    ids = []
    for column in ("id", "versie"):
        try:
            ids.append(_number(parser.cell(cells, column)))
        except ValueError:
            errors.append(CellError(number, parser.column(column), _("Verwacht een getal.")))
            ids.append(None)
    return tuple(ids)


def arrangement_rows(
    table: Table,
    *,
    themes: dict[str, str],
    current: dict[int, dict],
    on_row=None,
) -> ArrangementRows:
    """The state each row proposes. ``themes`` maps lower-case slugs and names to slugs;
    ``current`` holds the states of the arrangements the file's ``id`` column names. For an
    existing arrangement an empty cell leaves the field as it is; ``(leeg)`` clears it."""
    index = header_index(table, REQUIRED_COLUMNS)
    parser = _RowParser(table, index, themes)
    errors: list[CellError] = []
    results = []
    names: dict[str, int] = {}
    for position, (number, cells) in enumerate(table.rows):
        row_errors: list[CellError] = []
        arrangement_id, version = _row_ids(parser, number, cells, row_errors)
        if arrangement_id is not None and arrangement_id not in current:
            row_errors.append(
                CellError(number, parser.column("id"), _("Geen samenwerkingsverband met dit id."))
            )
        result = parser.parse(number, cells, current.get(arrangement_id or -1))
        result.arrangement_id, result.expected_version = arrangement_id, version
        result.errors = row_errors + result.errors
        name = (result.state or {}).get("name", "").casefold()
        if arrangement_id is None and name in names:
            result.errors.append(
                CellError(
                    number,
                    parser.column("naam"),
                    _("Deze naam staat ook in rij %(r)d van het bestand.") % {"r": names[name]},
                )
            )
        names.setdefault(name, number)
        errors += result.errors
        results.append(result)
        if on_row:
            on_row(position + 1)
    return ArrangementRows(results, errors, [])
