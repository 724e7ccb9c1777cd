"""The bulk import of arrangements and of new official divisions from uploaded tables:
reading files safely (``files``), turning template rows into states (``arrangement_rows``)
and division tables into regions (``division_rows``). The job around it (dry run, commit,
progress) is services.registration.imports."""

from collaborations.registration.importers.arrangement_rows import (
    REQUIRED_COLUMNS,
    STATE_TO_COLUMN,
    TEMPLATE_COLUMNS,
    TEMPLATE_EXAMPLE,
    ArrangementRows,
    RowResult,
    arrangement_rows,
)
from collaborations.registration.importers.division_rows import (
    DivisionRow,
    DivisionTable,
    division_rows,
)
from collaborations.registration.importers.files import (
    CellError,
    FileProblem,
    Table,
    decode,
    read_table,
)

__all__ = [
    "REQUIRED_COLUMNS",
    "STATE_TO_COLUMN",
    "TEMPLATE_COLUMNS",
    "TEMPLATE_EXAMPLE",
    "ArrangementRows",
    "CellError",
    "DivisionRow",
    "DivisionTable",
    "FileProblem",
    "RowResult",
    "Table",
    "arrangement_rows",
    "decode",
    "division_rows",
    "read_table",
]
