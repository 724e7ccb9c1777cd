"""Rows of an official division table -> regions and their members, in either layout:

- the BZK Regioatlas layout: ``"Gemeente";"CBS";"<indeling>";"Inwoneraantal van regio"`` (the
  name of the division in the third column's header);
- the CBS Gebiedsindelingen layout: ``gemeentecode,gemeentenaam,regiocode,regionaam`` (any
  order, more columns allowed), as in shared/data ``nl/indelingen_<year>/``."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from collaborations.registration.importers.files import CellError, FileProblem, Table


# --- division tables ----------------------------------------------------------------------------
@dataclass
class DivisionRow:
    row: int
    name: str
    code: str
    region: str
    inhabitants: str
    region_code: str = ""


@dataclass
class DivisionTable:
    division_name: str  # the header of the third column (regioatlas layout), else ""
    rows: list[DivisionRow]
    errors: list[CellError]
    regions: dict[str, list[DivisionRow]]


@dataclass(frozen=True)
class _Layout:
    name: int | None
    code: int
    region: int
    region_code: int | None
    inhabitants: int | None
    division_name: str


CBS_CODE = re.compile(r"^(?:GM)?([0-9]{1,4})$", re.IGNORECASE)
CBS_COLUMNS = ("gemeentecode", "regionaam")


def _layout(table: Table) -> _Layout:
    index = {h.strip().lower(): i for i, h in enumerate(table.header)}
    if all(column in index for column in CBS_COLUMNS):
        return _Layout(
            name=index.get("gemeentenaam"),
            code=index["gemeentecode"],
            region=index["regionaam"],
            region_code=index.get("regiocode"),
            inhabitants=None,
            division_name="",
        )
    if len(table.header) < 3:
        raise FileProblem(
            _(
                "Verwacht ten minste drie kolommen: Gemeente, CBS en de naam van de indeling "
                "(met per gemeente haar regio), of de kolommen gemeentecode, regiocode en "
                "regionaam."
            )
        )
    return _Layout(0, 1, 2, None, 3, table.header[2].strip())


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def division_rows(table: Table) -> DivisionTable:
    """The rows of a division table; CBS codes may be written 363, 0363 or GM0363."""
    layout = _layout(table)
    errors: list[CellError] = []
    rows: list[DivisionRow] = []
    seen: dict[str, int] = {}
    regions: dict[str, list[DivisionRow]] = defaultdict(list)
    for number, cells in table.rows:
        raw_code, region = _cell(cells, layout.code), _cell(cells, layout.region)
        match = CBS_CODE.match(raw_code)
        if not match:
            errors.append(
                CellError(
                    number,
                    table.column_name(layout.code),
                    _("“%(c)s” is geen CBS-gemeentecode (4 cijfers).") % {"c": raw_code},
                )
            )
            continue
        code = f"GM{int(match.group(1)):04d}"
        if not region:
            errors.append(
                CellError(number, table.column_name(layout.region), _("De regio is leeg."))
            )
            continue
        if code in seen:
            errors.append(
                CellError(
                    number,
                    table.column_name(layout.code),
                    _("%(c)s staat ook in rij %(r)d; een gemeente hoort bij één regio.")
                    % {"c": code, "r": seen[code]},
                )
            )
            continue
        seen[code] = number
        row = DivisionRow(
            number,
            _cell(cells, layout.name),
            code,
            region,
            _cell(cells, layout.inhabitants),
            _cell(cells, layout.region_code),
        )
        rows.append(row)
        regions[region].append(row)
    return DivisionTable(layout.division_name, rows, errors, dict(regions))
