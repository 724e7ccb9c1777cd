"""Shared machinery for the importers: locating source files, downloading published sources
when the shared data folder is absent, and the import report."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


class ImportError_(Exception):  # noqa: N801, N818 - not the builtin ImportError
    """A source file cannot be imported; the message names the file and row."""


@dataclass
class ImportReport:
    """What one importer did. ``unmatched`` and ``rejected`` name the row and the reason."""

    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unmatched: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def tally(self, created: bool | None) -> None:
        """Count one upserted row: True created, False updated, None unchanged."""
        if created is True:
            self.created += 1
        elif created is False:
            self.updated += 1
        else:
            self.unchanged += 1

    def render(self) -> str:
        lines = [
            f"== {self.name}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.unmatched)} unmatched, "
            f"{len(self.rejected)} rejected"
        ]
        lines += [f"   {key}: {value}" for key, value in self.counts.items()]
        lines += [f"   note: {note}" for note in self.notes]
        lines += [f"   unmatched: {item}" for item in self.unmatched]
        lines += [f"   rejected: {item}" for item in self.rejected]
        return "\n".join(lines)


@dataclass(frozen=True)
class Source:
    """A file below REGIOATLAS_DATA_DIR and, where one exists, the public URL it is published at."""

    relative_path: str
    url: str | None = None
    description: str = ""


def data_dir() -> Path:
    return Path(settings.REGIOATLAS_DATA_DIR)


def locate(source: Source, *, download: bool = True) -> Path:
    """Return a local path for ``source``: the shared data folder first, then the download cache;
    downloads from the public source when neither has it. Raises ImportError_ when the file
    cannot be had (derived tables have no public URL)."""
    local = data_dir() / source.relative_path
    if local.exists():
        return local
    cached = Path(settings.REGIOATLAS_CACHE_DIR) / source.relative_path
    if cached.exists():
        return cached
    if source.url is None:
        raise ImportError_(
            f"{source.relative_path}: not found in {data_dir()} and not published online "
            "(it is a derived table of shared/data); the import that needs it is skipped"
        )
    if not download:
        raise ImportError_(f"{source.relative_path}: not found in {data_dir()}")
    _download(source.url, cached)
    return cached


def _download(url: str, target: Path) -> None:
    import requests  # imported here: only needed without the shared data folder

    logger.info("downloading %s", url)
    response = requests.get(url, timeout=120)  # TLS verification stays on
    response.raise_for_status()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)


def read_csv(path: Path, *, delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for a UTF-8 (optionally with BOM) CSV file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: not UTF-8 ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for line_number, row in enumerate(reader, start=2):
        yield line_number, {key.strip(): (value or "").strip() for key, value in row.items() if key}


def read_geojson(path: Path) -> list[dict]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportError_(f"{path}: not valid GeoJSON ({exc})") from exc
    if document.get("type") != "FeatureCollection":
        raise ImportError_(f"{path}: not a GeoJSON FeatureCollection")
    return document["features"]
