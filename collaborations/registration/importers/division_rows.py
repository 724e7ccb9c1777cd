"""Rows of an official division table (the layout of the BZK Regioatlas files):
``"Gemeente";"CBS";"<indeling>";"Inwoneraantal van regio"`` -> regions and their members."""

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


@dataclass
class DivisionTable:
    division_name: str  # the header of the third column
    rows: list[DivisionRow]
    errors: list[CellError]
    regions: dict[str, list[DivisionRow]]


CBS_CODE = re.compile(r"^(?:GM)?([0-9]{1,4})$", re.IGNORECASE)


def division_rows(table: Table) -> DivisionTable:
    """The regioatlas layout: ``"Gemeente";"CBS";"<indeling>";"Inwoneraantal van regio"``.
    CBS codes may be written 363, 0363 or GM0363."""
    if len(table.header) < 3:
        raise FileProblem(
            _(
                "Verwacht ten minste drie kolommen: Gemeente, CBS en de naam van de indeling "
                "(met per gemeente haar regio)."
            )
        )
    errors: list[CellError] = []
    rows: list[DivisionRow] = []
    seen: dict[str, int] = {}
    regions: dict[str, list[DivisionRow]] = defaultdict(list)
    for number, cells in table.rows:
        cells = [*cells, "", "", "", ""]
        name, raw_code, region, inhabitants = (c.strip() for c in cells[:4])
        match = CBS_CODE.match(raw_code)
        if not match:
            errors.append(
                CellError(
                    number,
                    table.column_name(1),
                    _("“%(c)s” is geen CBS-gemeentecode (4 cijfers).") % {"c": raw_code},
                )
            )
            continue
        code = f"GM{int(match.group(1)):04d}"
        if not region:
            errors.append(CellError(number, table.column_name(2), _("De regio is leeg.")))
            continue
        if code in seen:
            errors.append(
                CellError(
                    number,
                    table.column_name(1),
                    _("%(c)s staat ook in rij %(r)d; een gemeente hoort bij één regio.")
                    % {"c": code, "r": seen[code]},
                )
            )
            continue
        seen[code] = number
        row = DivisionRow(number, name, code, region, inhabitants)
        rows.append(row)
        regions[region].append(row)
    return DivisionTable(table.header[2].strip(), rows, errors, dict(regions))
