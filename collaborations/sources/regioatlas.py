"""The official divisions (indelingen) of the BZK Regioatlas 2016: the first known version
(from 2016-01-01) of 33 division families (sources.division_families), one region per
(indeling, regio), members by the CBS code of the 2016 municipalities; through the generic
division path (divisions.services), as every version of a division.

Source: ``nl/regioatlas_2016/regioatlas_2016_long.csv`` (shared/data README, section 2), a
derived long table of the 33 per-division files that Open State scraped from regioatlas.nl."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from collaborations.divisions.services import MemberInput, RegionInput, VersionInput
from collaborations.sources.base import ImportError_, ImportReport, Source, locate
from collaborations.sources.division_families import FAMILIES, REGIOATLAS_2016
from collaborations.sources.division_versions import version_load
from collaborations.sources.sync import DataSourceSpec, datasource_upsert, read_table

SOURCE = Source(
    "nl/regioatlas_2016/regioatlas_2016_long.csv",
    url=None,
    description="BZK Regioatlas, indeling 2016, 33 indelingen in one long table (derived)",
)
DATASOURCE = DataSourceSpec(
    slug="bzk-regioatlas-2016",
    name="Regioatlas BZK, bovenlokale indelingen 2016 (via Open State)",
    publisher="Ministerie van BZK (Regioatlas); verzameld door Open State Foundation",
    url="https://github.com/openstate/datasets/tree/master/gemeenschappelijke_regelingen/regioatlas",
    licence="ODC-PDDL-1.0",
    year=2016,
)
COLUMNS = (
    "domein",
    "indeling_bestand",
    "indeling",
    "gemeentecode",
    "gemeentenaam",
    "regio",
    "inwoners_regio",
)
DOMAINS = ("Bestuurlijk", "Fysiek", "Sociaal", "Veiligheid")
CODE = re.compile(r"^GM[0-9]{4}$")
YEAR = 2016
VALID_FROM = datetime.date(YEAR, 1, 1)


@dataclass
class _Region:
    stem: str
    file: str
    indeling: str
    regio: str
    inhabitants: str
    members: dict[str, tuple[str, int]]  # code -> (name as recorded, line)

    @property
    def reference(self) -> str:
        return f"{self.file}:{self.regio}"

    def as_input(self) -> RegionInput:
        inhabitants = f"Inwoners volgens de bron: {self.inhabitants}." if self.inhabitants else ""
        return RegionInput(
            name=self.regio,
            reference=self.reference,
            note=inhabitants,
            members=tuple(
                MemberInput(code, name, where=f"{SOURCE.relative_path}, line {line}")
                for code, (name, line) in self.members.items()
            ),
        )


def load_regioatlas_2016() -> ImportReport:
    """Load the 33 indelingen of the BZK Regioatlas 2016 as the 2016 version of their
    families. Members are matched on the 2016 CBS code; codes without a municipality are
    reported and skipped."""
    report = ImportReport(name="BZK Regioatlas 2016")
    path = locate(SOURCE)
    regions = _read_regions(read_table(path, COLUMNS, label=SOURCE.relative_path))
    by_stem: dict[str, list[_Region]] = {}
    for region in regions:
        by_stem.setdefault(region.stem, []).append(region)
    with transaction.atomic():
        source = datasource_upsert(DATASOURCE)
        for stem, stem_regions in by_stem.items():
            family = FAMILIES[REGIOATLAS_2016[stem]]
            version = VersionInput(
                valid_from=VALID_FROM,
                label=str(YEAR),
                source=source,
                provenance=(
                    f"BZK Regioatlas {YEAR} (via Open State), bestand {stem_regions[0].file}; "
                    f"leden op CBS-code van de gemeenten van {YEAR}. Rechtsvorm en thema's per "
                    "indeling:"
                ),
            )
            inputs = [region.as_input() for region in stem_regions]
            version_load(family=family, version=version, regions=inputs, report=report)
    per_division = Counter(region.stem for region in regions)
    report.counts["divisions"] = len(by_stem)
    report.counts["regions"] = len(regions)
    report.counts["memberships"] = sum(len(region.members) for region in regions) - len(
        report.unmatched
    )
    report.counts.update({f"regions {stem}": n for stem, n in sorted(per_division.items())})
    return report


def _read_regions(rows: list[tuple[int, dict[str, str]]]) -> list[_Region]:
    """Group the rows by (indeling, regio), validating every row before anything is written."""
    regions: dict[tuple[str, str], _Region] = {}
    names: dict[str, tuple[str, str]] = {}
    for line, row in rows:
        where = f"{SOURCE.relative_path}, line {line}"
        stem = row["indeling_bestand"].removesuffix(".csv")
        _validate(row, stem, where)
        if names.setdefault(stem, (row["domein"], row["indeling"])) != _names_of(row):
            raise ImportError_(f"{where}: {row['indeling_bestand']} has two names or domains")
        region = regions.get((stem, row["regio"]))
        if region is None:
            region = regions[(stem, row["regio"])] = _Region(
                stem=stem,
                file=row["indeling_bestand"],
                indeling=row["indeling"],
                regio=row["regio"],
                inhabitants=row["inwoners_regio"],
                members={},
            )
        region.members.setdefault(row["gemeentecode"], (row["gemeentenaam"], line))
    return list(regions.values())


def _names_of(row: dict[str, str]) -> tuple[str, str]:
    return (row["domein"], row["indeling"])


def _validate(row: dict[str, str], stem: str, where: str) -> None:
    if stem not in REGIOATLAS_2016:
        raise ImportError_(f"{where}: unknown indeling {row['indeling_bestand']!r}")
    if row["domein"] not in DOMAINS:
        raise ImportError_(f"{where}: unknown domein {row['domein']!r}")
    if not CODE.match(row["gemeentecode"]):
        raise ImportError_(f"{where}: gemeentecode {row['gemeentecode']!r} is not GM + 4 digits")
    if not row["regio"] or not row["indeling"]:
        raise ImportError_(f"{where}: empty regio or indeling")
