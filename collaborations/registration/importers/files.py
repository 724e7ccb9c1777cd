"""Reading uploaded tables (CSV or XLSX) for the bulk import, and parsing their cells.

Uploaded files are untrusted: size and row limits, encoding detection (UTF-8 with or without
BOM, else Windows-1252; anything else is a clear error), malformed CSV or XLSX is a clear
error, and a cell is only ever text: "=SUM(A1)" is stored as the text "=SUM(A1)", never
evaluated (XLSX is read without computing formulas). Errors name the row and the column."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

MAX_CELL = 10_000
MAX_XLSX_UNPACKED = 60 * 1024 * 1024
LIST_SEPARATORS = re.compile(r"[;,|\n]+")


class FileProblem(Exception):  # noqa: N818 - a message for the user, not a bug
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"rij": self.row, "kolom": self.column, "melding": self.message}


@dataclass
class Table:
    """A table as text cells. ``rows`` holds (row number as the user sees it, cells)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    file_format: str
    encoding: str = ""
    column_letters: bool = False

    def column_name(self, index: int) -> str:
        name = self.header[index] if index < len(self.header) else f"kolom {index + 1}"
        if self.column_letters:
            return f"{name} ({_letter(index)})"
        return name


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- reading files ------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (with or without BOM) or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(
            _(
                "Het bestand is opgeslagen als UTF-16. Sla het op als “CSV UTF-8 (door "
                "lijstscheidingsteken gescheiden)” en probeer het opnieuw."
            )
        )
    if b"\x00" in data[:8192]:
        raise FileProblem(
            _(
                "Dit is geen tekstbestand (CSV) en geen Excel-bestand (.xlsx). Kies een ander bestand."
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FileProblem(_undecodable(exc, 3)) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileProblem(_undecodable(exc, 0)) from exc


def _undecodable(exc: UnicodeDecodeError, offset: int) -> str:
    return _(
        "De tekens in het bestand zijn niet te lezen (byte %(pos)d, 0x%(byte)s): het is geen "
        "UTF-8 en geen Windows-1252. Sla het op als “CSV UTF-8” en probeer het opnieuw."
    ) % {"pos": exc.start + offset + 1, "byte": exc.object[exc.start : exc.start + 1].hex()}


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=_delimiter(lines[0] if lines else ""), strict=True)
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(
            _("Het CSV-bestand is niet goed opgebouwd rond regel %(line)d: %(error)s.")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def read_csv(data: bytes, *, max_rows: int) -> Table:
    text, encoding = decode(data)
    rows = _limited(_csv_rows(text), max_rows)
    if not rows:
        raise FileProblem(_("Het bestand is leeg."))
    header, body = rows[0][1], rows[1:]
    return Table([h.strip() for h in header], body, "csv", encoding)


def _limited(rows: Iterator[tuple[int, list[str]]], max_rows: int) -> list:
    result = []
    for row in rows:
        result.append(row)
        if len(result) > max_rows + 1:
            raise FileProblem(
                _("Het bestand heeft meer dan %(n)d rijen. Splits het in kleinere bestanden.")
                % {"n": max_rows}
            )
        if any(len(c) > MAX_CELL for c in row[1]):
            raise FileProblem(
                _("Rij %(row)d heeft een cel van meer dan %(n)d tekens.")
                % {"row": row[0], "n": MAX_CELL}
            )
    return result


def _xlsx_text(value: Any) -> str:
    """A cell as text: formulas stay their text, dates become ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(getattr(value, "text", value))


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_xlsx_text(v) for v in values]
        if any(c.strip() for c in cells):
            yield number, cells


def read_xlsx(data: bytes, *, max_rows: int) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise FileProblem(_("Dit is geen geldig Excel-bestand (.xlsx).")) from exc
    if unpacked > MAX_XLSX_UNPACKED:
        raise FileProblem(_("Het Excel-bestand is uitgepakt te groot. Splits het."))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        rows = _limited(_xlsx_rows(workbook.worksheets[0]), max_rows)
    except FileProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise FileProblem(
            _("Het Excel-bestand is beschadigd of geen .xlsx (%(error)s).")
            % {"error": type(exc).__name__}
        ) from exc
    if not rows:
        raise FileProblem(_("Het eerste werkblad is leeg."))
    header, body = rows[0][1], rows[1:]
    return Table([h.strip() for h in header], body, "xlsx", "", column_letters=True)


def read_table(data: bytes, *, filename: str, max_rows: int) -> Table:
    """A CSV or XLSX file (by its content; the name only breaks a tie)."""
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        return read_xlsx(data, max_rows=max_rows)
    return read_csv(data, max_rows=max_rows)


# --- cells -------------------------------------------------------------------------------------
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def parse_date(text: str) -> str | None:
    """ISO date of a cell ("2024-01-01", "1-1-2024", "01/01/2024"); ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    text = text.split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(text)


def split_list(text: str, separators: re.Pattern = LIST_SEPARATORS) -> list[str]:
    return [part.strip() for part in separators.split(text or "") if part.strip()]
