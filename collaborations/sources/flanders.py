"""Flanders (shared/data README section 4): the 285 Flemish and 19 Brussels municipalities after
the mergers of 2025, and the 15 referentieregio's as a division of Belgium, in the same models
as the Dutch ones (docs/adr/0008-flanders.md).

- a municipality's code is ``BE`` + its NIS code (``BE11002`` Antwerpen), country ``be``, valid
  from 2025-01-01 (the state the files describe; earlier states are not known here), with its
  boundary as a layer of its own (year 2025);
- the referentieregio's are the 2025 version of the division ``referentieregios`` (country
  ``be``), through the generic division path; the table's two pseudo-codes (99991 "Niet te
  lokaliseren", 99999 "Buiten Vlaanderen en Brussel") are reported, not loaded."""

from __future__ import annotations

import datetime
import re

from django.db import transaction

from collaborations.core.choices import Country
from collaborations.divisions.services import MemberInput, RegionInput, VersionInput
from collaborations.geography.models import Municipality, MunicipalityBoundary
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.sources.base import ImportError_, ImportReport, Source, read_geojson
from collaborations.sources.division_families import REFERENTIEREGIOS
from collaborations.sources.division_versions import version_load
from collaborations.sources.geo_common import (
    GeoFile,
    bulk_upsert,
    datasource_upsert,
    feature_geometry,
    locate_file,
    merge_geometries,
)
from collaborations.sources.sync import read_table

YEAR = 2025
VALID_FROM = datetime.date(YEAR, 1, 1)
NIS = re.compile(r"^[0-9]{5}$")
#: Rows of the table that are no municipality (README section 4).
PSEUDO_CODES = ("99991", "99999")
ORIGIN = "https://github.com/provinciesincijfers/gebiedsniveaus"
PUBLISHER = "Provincies in Cijfers / Statbel"
LICENCE = "Statbel open data (licentie van Statbel)"


def _file(path: str, slug: str, name: str) -> GeoFile:
    return GeoFile(
        Source(path, None, "derived"),
        slug=slug,
        name=name,
        publisher=PUBLISHER,
        licence=LICENCE,
        year=YEAR,
        origin=ORIGIN,
    )


MUNICIPALITIES = _file(
    "be/vlaanderen/gemeente.geojson",
    "vlaanderen-gemeenten-2025",
    "Gemeenten Vlaanderen en Brussel 2025",
)
REFERENCE_TABLE = _file(
    "be/vlaanderen/gemeente_referentieregio.csv",
    "vlaanderen-referentieregios-2025",
    "Gemeente - referentieregio, Vlaanderen 2025",
)
REFERENCE_LAYER = _file(
    "be/vlaanderen/refreg.geojson", "vlaanderen-refreg-2025", "Referentieregio's Vlaanderen 2025"
)
COLUMNS = ("niscode", "gemeentenaam", "refreg_code", "refreg_naam")


def code_of(niscode: str) -> str:
    return f"BE{niscode}"


def load_flanders() -> ImportReport:
    """The Flemish and Brussels municipalities with their boundaries, and the referentieregio's.
    Idempotent (upsert on the code); errors name the file and feature or line."""
    report = ImportReport(name="Vlaanderen (gemeenten 2025, referentieregio's)")
    features = _features(read_geojson(locate_file(MUNICIPALITIES)), report)
    regions = _regions(report)
    _cross_check(regions, report)
    with transaction.atomic():
        sources = datasource_upsert([MUNICIPALITIES, REFERENCE_TABLE, REFERENCE_LAYER])
        _upsert_municipalities(features, report)
        lineage_rebuild()  # every municipality represents itself
        version = VersionInput(
            valid_from=VALID_FROM,
            label=str(YEAR),
            source=sources[REFERENCE_TABLE.slug],
            provenance=f"{REFERENCE_TABLE.name} ({REFERENCE_TABLE.path_label}), {PUBLISHER}.",
        )
        version_load(family=REFERENTIEREGIOS, version=version, regions=regions, report=report)
    report.counts["municipalities in file"] = len(features)
    report.counts["Brussels municipalities"] = sum(1 for nis in features if nis.startswith("21"))
    report.counts["referentieregio's"] = len(regions)
    return report


def _features(rows: list[dict], report: ImportReport) -> dict[str, tuple[str, object]]:
    """{niscode: (name, MultiPolygon)} of the municipality layer."""
    parts: dict[str, list] = {}
    names: dict[str, str] = {}
    for number, feature in enumerate(rows, start=1):
        where = f"{MUNICIPALITIES.path_label} feature {number}"
        properties = feature.get("properties") or {}
        nis, name = str(properties.get("niscode", "")), str(properties.get("naam", "")).strip()
        if not NIS.match(nis) or not name:
            raise ImportError_(f"{where}: niscode {nis!r} or naam {name!r} is not usable")
        names[nis] = name
        parts.setdefault(nis, []).append(feature_geometry(feature, where=where))
    return {
        nis: (
            names[nis],
            merge_geometries(
                parts[nis], where=f"{MUNICIPALITIES.path_label} {nis}", notes=report.notes
            ),
        )
        for nis in sorted(parts)
    }


def _upsert_municipalities(features: dict[str, tuple[str, object]], report: ImportReport) -> None:
    codes = [code_of(nis) for nis in features]
    wanted = {
        code_of(nis): {
            "code": code_of(nis),
            "name": name,
            "country": Country.BE,
            "valid_from": VALID_FROM,
            "valid_to": None,
            "geom": geom,
        }
        for nis, (name, geom) in features.items()
    }
    existing = Municipality.objects.in_bulk(codes, field_name="code")
    bulk_upsert(
        Municipality, wanted=wanted, existing=existing, report=report, label="municipalities"
    )
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "pk"))
    boundaries = {
        ids[code]: {
            "municipality_id": ids[code],
            "year": YEAR,
            "valid_from": VALID_FROM,
            "valid_to": None,
            "geom": values["geom"],
            "source": MUNICIPALITIES.name,
        }
        for code, values in wanted.items()
    }
    stored = {
        b.municipality_id: b
        for b in MunicipalityBoundary.objects.filter(municipality_id__in=ids.values(), year=YEAR)
    }
    result = bulk_upsert(
        MunicipalityBoundary, wanted=boundaries, existing=stored, report=report, label="boundaries"
    )
    changed = [b.pk for b in result.updated]
    MunicipalityBoundary.objects.filter(pk__in=changed).update(geom_coverage=None)


def _regions(report: ImportReport) -> list[RegionInput]:
    """The referentieregio's of the table, by code; the pseudo-codes are reported."""
    path = locate_file(REFERENCE_TABLE)
    members: dict[str, list[MemberInput]] = {}
    names: dict[str, str] = {}
    for line, row in read_table(path, COLUMNS, label=REFERENCE_TABLE.path_label):
        where = f"{REFERENCE_TABLE.path_label}, line {line}"
        nis, code, name = row["niscode"], row["refreg_code"], row["refreg_naam"]
        if nis in PSEUDO_CODES:
            report.notes.append(
                f"{where}: pseudo-code {nis} ({row['gemeentenaam']}, {code}) reported, not "
                "loaded as a municipality"
            )
            continue
        if not NIS.match(nis) or not code or not name:
            raise ImportError_(f"{where}: niscode {nis!r}, refreg_code or refreg_naam unusable")
        if names.setdefault(code, name) != name:
            raise ImportError_(f"{where}: {code} is also named {names[code]!r}")
        members.setdefault(code, []).append(
            MemberInput(code_of(nis), row["gemeentenaam"], where=where)
        )
    return [
        RegionInput(
            name=names[code],
            code=code,
            reference=f"{path.name}:{code}",
            members=tuple(found),
        )
        for code, found in sorted(members.items())
    ]


def _cross_check(regions: list[RegionInput], report: ImportReport) -> None:
    """Names and member counts against the referentieregio layer; differences are notes."""
    try:
        path = locate_file(REFERENCE_LAYER)
    except ImportError_ as exc:
        report.notes.append(f"{REFERENCE_LAYER.path_label}: not cross-checked ({exc})")
        return
    layer = {
        str((f.get("properties") or {}).get("refreg_code")): f.get("properties") or {}
        for f in read_geojson(path)
    }
    found = {region.code: region for region in regions}
    for code in sorted(set(layer) | set(found)):
        properties, region = layer.get(code), found.get(code)
        if properties is None or region is None:
            report.notes.append(f"cross-check: {code} only in the {'table' if region else 'layer'}")
        elif (properties.get("refreg_naam"), properties.get("aantal_gemeenten")) != (
            region.name,
            len(region.members),
        ):
            report.notes.append(
                f"cross-check: {code} is {properties.get('refreg_naam')!r} with "
                f"{properties.get('aantal_gemeenten')} municipalities in the layer, "
                f"{region.name!r} with {len(region.members)} in the table"
            )
    report.counts["referentieregio's cross-checked with the layer"] = len(layer)
