"""The newer versions of the divisions: every folder ``nl/indelingen_<year>/`` of the data
folder, in order of year (shared/data README sections 6 and 7), each file a version from
1 January of that year, through the generic division path (divisions.services).

- ``<stem>_<year>.csv`` with ``gemeentecode,gemeentenaam,regiocode,regionaam`` (CBS
  Gebiedsindelingen), checked against ``regios_<year>.csv`` (``indeling,regiocode,regionaam,
  aantal_gemeenten``) when the folder has one;
- ``*.json`` with ``{"gemeenten": {"0014": "<region name>", ...}}`` (a CBS StatLine column such
  as 86247NED): regions by name only; a continued region keeps its code.

A file listed in sources.division_families is loaded as its family; a file never seen before
still loads: slug and name from its file name, the model's defaults for the rest (a note says
so)."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from collaborations.divisions.services import (
    FamilySpec,
    MemberInput,
    RegionInput,
    VersionInput,
    family_default,
)
from collaborations.sources.base import ImportError_, ImportReport, data_dir
from collaborations.sources.division_families import CBS_FILES, FAMILIES
from collaborations.sources.division_versions import version_load
from collaborations.sources.sync import DataSourceSpec, datasource_upsert, read_table

FOLDER = re.compile(r"^indelingen_(\d{4})$")
COLUMNS = ("gemeentecode", "gemeentenaam", "regiocode", "regionaam")
REGION_COLUMNS = ("indeling", "regiocode", "regionaam", "aantal_gemeenten")
MUNICIPALITY = re.compile(r"^GM[0-9]{4}$")
#: StatLine tables staged as JSON: file stem -> family.
JSON_FILES = {"arbeidsmarktregio_gemeente_86247NED": "arbeidsmarktregios"}
CBS = "CBS Gebiedsindelingen"
SOURCES = {
    2025: DataSourceSpec(
        slug="cbs-indelingen-2025",
        name="CBS Gebiedsindelingen 2025: regio-indelingen per gemeente (afgeleid)",
        publisher="CBS / PDOK (via cartomap/nl)",
        url="https://github.com/cartomap/nl",
        licence="CC BY 4.0",
        year=2025,
    ),
    2026: DataSourceSpec(
        slug="cbs-86247ned-2026",
        name="CBS Gebieden in Nederland 2026 (86247NED): arbeidsmarktregio's",
        publisher="CBS (via cedanl/onderwijsdata-chat)",
        url="https://opendata.cbs.nl/statline/#/CBS/nl/dataset/86247NED",
        licence="CC BY 4.0",
        year=2026,
    ),
}


def _folders() -> list[tuple[int, Path]]:
    root = data_dir() / "nl"
    found = [(int(m.group(1)), p) for p in root.glob("indelingen_*") if (m := FOLDER.match(p.name))]
    return sorted(found)


def _source(year: int) -> DataSourceSpec:
    return SOURCES.get(year) or DataSourceSpec(
        slug=f"cbs-indelingen-{year}",
        name=f"{CBS} {year}: regio-indelingen per gemeente",
        publisher="CBS",
        url="",
        licence="",
        year=year,
    )


def load_cbs_divisions() -> ImportReport:
    """Every division file of every ``nl/indelingen_<year>`` folder, oldest year first."""
    report = ImportReport(name="CBS divisions (nl/indelingen_<year>)")
    folders = _folders()
    if not folders:
        report.notes.append(f"no nl/indelingen_<year> folder in {data_dir()}")
        return report
    with transaction.atomic():
        for year, folder in folders:
            _load_folder(year, folder, report)
    return report


def _load_folder(year: int, folder: Path, report: ImportReport) -> None:
    listed = _regions_file(year, folder)
    source = datasource_upsert(_source(year))
    version_date = datetime.date(year, 1, 1)
    files = sorted(folder.glob(f"*_{year}.csv")) + sorted(folder.glob("*.json"))
    for path in files:
        if path.name == f"regios_{year}.csv":
            continue
        stem = path.stem.removesuffix(f"_{year}")
        family = _family(stem, path, report)
        label = f"nl/{folder.name}/{path.name}"
        regions = _read_json(path, label) if path.suffix == ".json" else _read_csv(path, label)
        _compare(stem, regions, listed, label, report)
        version = VersionInput(
            valid_from=version_date,
            label=str(year),
            source=source,
            provenance=f"{source.name}, bestand {label}.",
        )
        version_load(family=family, version=version, regions=regions, report=report)
        report.counts[f"regions {family.slug} {year}"] = len(regions)


def _family(stem: str, path: Path, report: ImportReport) -> FamilySpec:
    slug = CBS_FILES.get(stem) or JSON_FILES.get(path.stem)
    if slug:
        return FAMILIES[slug]
    family = family_default(stem=stem)
    if family.slug in FAMILIES:
        return FAMILIES[family.slug]
    report.notes.append(
        f"{path.name}: a division not seen before, loaded as {family.slug!r} ({family.name}) "
        f"with defaults (kind {family.kind}, domain {family.domain}, no theme)"
    )
    return family


def _read_csv(path: Path, label: str) -> list[RegionInput]:
    regions: dict[str, dict] = {}
    for line, row in read_table(path, COLUMNS, label=label):
        where = f"{label}, line {line}"
        code, region = row["gemeentecode"], row["regiocode"]
        if not MUNICIPALITY.match(code):
            raise ImportError_(f"{where}: gemeentecode {code!r} is not GM + 4 digits")
        if not region or not row["regionaam"]:
            raise ImportError_(f"{where}: empty regiocode or regionaam")
        entry = regions.setdefault(region, {"name": row["regionaam"], "members": []})
        if entry["name"] != row["regionaam"]:
            raise ImportError_(f"{where}: {region} is also named {entry['name']!r}")
        entry["members"].append(MemberInput(code, row["gemeentenaam"], where=where))
    return [
        RegionInput(
            name=entry["name"],
            code=code,
            reference=f"{path.name}:{code}",
            members=tuple(entry["members"]),
        )
        for code, entry in sorted(regions.items())
    ]


def _read_json(path: Path, label: str) -> list[RegionInput]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        municipalities = document["gemeenten"]
        if not isinstance(municipalities, dict):
            raise TypeError
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ImportError_(f"{label}: expected {{'gemeenten': {{code: region}}}} ({exc})") from exc
    members: dict[str, list[MemberInput]] = defaultdict(list)
    for key, region in municipalities.items():
        code = f"GM{key}" if key.isdigit() else key
        if not MUNICIPALITY.match(code) or not isinstance(region, str) or not region:
            raise ImportError_(
                f"{label}: gemeenten[{key!r}] = {region!r} is not a code and a region"
            )
        members[region].append(MemberInput(code, where=f"{label}, gemeenten[{key!r}]"))
    return [
        RegionInput(name=name, reference=f"{path.name}:{name}", members=tuple(found))
        for name, found in sorted(members.items())
    ]


def _regions_file(year: int, folder: Path) -> dict[str, dict[str, tuple[str, int]]] | None:
    """{indeling: {regiocode: (regionaam, aantal_gemeenten)}} of ``regios_<year>.csv``."""
    path = folder / f"regios_{year}.csv"
    if not path.exists():
        return None
    label = f"nl/{folder.name}/{path.name}"
    listed: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for line, row in read_table(path, REGION_COLUMNS, label=label):
        try:
            count = int(row["aantal_gemeenten"])
        except ValueError as exc:
            raise ImportError_(f"{label}, line {line}: aantal_gemeenten is not a number") from exc
        listed[row["indeling"]][row["regiocode"]] = (row["regionaam"], count)
    return listed


def _compare(
    stem: str,
    regions: list[RegionInput],
    listed: dict[str, dict[str, tuple[str, int]]] | None,
    label: str,
    report: ImportReport,
) -> None:
    """Differences between a division file and the folder's list of regions, as notes."""
    if listed is None or stem not in listed:
        return
    expected = listed[stem]
    found = {region.code: (region.name, len(region.members)) for region in regions}
    for code in sorted(set(expected) | set(found)):
        if expected.get(code) != found.get(code):
            report.notes.append(
                f"{label}: {code} is {found.get(code)} in the file, {expected.get(code)} in the "
                "list of regions"
            )
