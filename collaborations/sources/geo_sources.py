"""The source files of the geography importers (see shared/data/README.md, sections 1 and 5)
and their readers. Readers validate every row and raise ImportError_ naming file and row."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.gis.geos import MultiPolygon

from collaborations.core.choices import ReorganisationKind
from collaborations.sources.base import ImportError_, ImportReport, Source, read_csv, read_geojson
from collaborations.sources.geo_common import (
    MUNICIPALITY_CODE,
    PROVINCE_CODE,
    REGION_CODE,
    GeoFile,
    check_code,
    feature_geometry,
    locate_optional,
    merge_geometries,
    parse_compact_date,
    parse_iso_date,
)

#: PDOK OGC API Features of CBS Gebiedsindelingen; GeoJSON in CRS84 (lon/lat, as EPSG:4326).
PDOK_ITEMS = (
    "https://api.pdok.nl/cbs/gebiedsindelingen/ogc/v1/collections/{layer}/items"
    "?f=json&jaarcode={year}&limit=1000"
)
CBS_LICENCE = "CC BY 4.0"
CBS_PUBLISHER = "CBS / PDOK"
LAYER_YEARS = (2015, 2016, 2022, 2024)

PROVINCES_2024 = GeoFile(
    Source(
        "nl/cbs/2024/provincie.geojson",
        PDOK_ITEMS.format(layer="provincie_gegeneraliseerd", year=2024),
        "CBS provincies 2024 (here: dissolve of the 2024 municipalities)",
    ),
    slug="cbs-provincie-2024",
    name="CBS Gebiedsindelingen 2024: provincies (gegeneraliseerd)",
    publisher=CBS_PUBLISHER,
    licence=CBS_LICENCE,
    year=2024,
)


def _municipality_layer(year: int, url: str | None, origin: str) -> GeoFile:
    return GeoFile(
        Source(f"nl/cbs/{year}/gemeente.geojson", url, f"CBS gemeenten {year}"),
        slug=f"cbs-gemeente-{year}",
        name=f"CBS Gebiedsindelingen {year}: gemeenten (gegeneraliseerd)",
        publisher=CBS_PUBLISHER,
        licence=CBS_LICENCE,
        year=year,
        origin=origin,
    )


MUNICIPALITY_LAYERS: dict[int, GeoFile] = {
    # 2015 (attributes joined) and 2016 (a dissolve of 2015) are derived tables: no URL.
    2015: _municipality_layer(2015, None, "https://github.com/ties/cbs_gebiedsindelingen_topojson"),
    2016: _municipality_layer(2016, None, "https://github.com/ties/cbs_gebiedsindelingen_topojson"),
    2022: _municipality_layer(
        2022, PDOK_ITEMS.format(layer="gemeente_gegeneraliseerd", year=2022), ""
    ),
    2024: _municipality_layer(
        2024, PDOK_ITEMS.format(layer="gemeente_gegeneraliseerd", year=2024), ""
    ),
}
KOPPELTABEL_2024 = GeoFile(
    Source("nl/cbs/2024/gemeente_provincie_veiligheidsregio.csv", None, "derived"),
    slug="cbs-koppeltabel-2024",
    name="Koppeltabel gemeente - provincie - veiligheidsregio 2024",
    publisher="CBS / BZK (via rubensan19/kaarten, KoppelCodes.csv)",
    licence="geen licentie vermeld; codes en indeling zijn officiële CBS/BZK-gegevens",
    year=2024,
    origin="https://github.com/rubensan19/kaarten",
)
VEILIGHEIDSREGIOS_2024 = GeoFile(
    Source("nl/cbs/2024/veiligheidsregio.geojson", None, "derived: dissolve by the koppeltabel"),
    slug="cbs-veiligheidsregio-2024",
    name="CBS veiligheidsregio's 2024 (dissolve van de gemeenten 2024)",
    publisher=CBS_PUBLISHER,
    licence=CBS_LICENCE,
    year=2024,
)
HERINDELINGEN = GeoFile(
    Source("nl/cbs/herindelingen_2015_2026.csv", None, "derived from Tabel 33 and CBS layers"),
    slug="herindelingen-2015-2026",
    name="Gemeentelijke herindelingen 2015-2026",
    publisher="RvIG / CBS (afgeleid)",
    licence="feiten uit RvIG Tabel 33 en CBS/PDOK (CC BY 4.0)",
    year=2026,
)
# RvIG publishes Tabel 33 only inside a zip of UTF-16 tables; no direct CSV URL is known.
TABEL33 = GeoFile(
    Source("nl/rvig/tabel33_gemeententabel.csv", None, "RvIG Landelijke tabel 33"),
    slug="rvig-tabel33",
    name="RvIG Landelijke tabel 33 - Gemeententabel (stand 2022-11-03)",
    publisher="Rijksdienst voor Identiteitsgegevens (RvIG)",
    licence="EUPL-1.2 (repository BRP-API/Haal-Centraal-BRP-bevragen); publieke overheidstabel",
    year=2022,
    origin="https://github.com/BRP-API/Haal-Centraal-BRP-bevragen",
)
CROSSWALKS: dict[int, GeoFile] = {
    year: GeoFile(
        Source(f"nl/cbs/gemeente_{year}_naar_2024.csv", None, "derived crosswalk"),
        slug=f"cbs-gemeente-{year}-naar-2024",
        name=f"Omzettabel gemeenten {year} naar 2024",
        publisher="RvIG / CBS (afgeleid)",
        licence="feiten uit RvIG Tabel 33 en CBS/PDOK (CC BY 4.0)",
        year=2024,
    )
    for year in (2015, 2016)
}


@dataclass(frozen=True)
class LayerFeature:
    code: str
    name: str
    province_code: str
    geom: MultiPolygon
    where: str


@dataclass(frozen=True)
class ReorganisationRow:
    where: str
    date: datetime.date
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    kind: str
    is_main: bool
    share: Decimal | None
    source: str


@dataclass(frozen=True)
class Tabel33Row:
    where: str
    name: str
    new_code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


@dataclass(frozen=True)
class KoppelRow:
    where: str
    code: str
    name: str
    province_code: str
    region_code: str
    region_name: str


def read_layer(
    path: Path, *, notes: list[str], code_pattern: re.Pattern[str] = MUNICIPALITY_CODE
) -> dict[str, LayerFeature]:
    """The features of a CBS layer by ``statcode``; features sharing a code are merged."""
    grouped: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for number, feature in enumerate(read_geojson(path), start=1):
        properties = feature.get("properties") or {}
        code = str(properties.get("statcode", "")).strip().upper()
        where = f"{path} feature {number} (statcode {code or '?'})"
        check_code(code, code_pattern, where=where, what="statcode")
        if not str(properties.get("statnaam", "")).strip():
            raise ImportError_(f"{where}: empty statnaam")
        grouped[code].append((where, feature))
    return {code: _layer_feature(code, items, notes) for code, items in grouped.items()}


def _layer_feature(code: str, items: list[tuple[str, dict]], notes: list[str]) -> LayerFeature:
    where, first = items[0]
    properties = first["properties"]
    province = str(properties.get("provinciecode") or "").strip().upper()
    if province:
        check_code(province, PROVINCE_CODE, where=where, what="provinciecode")
    parts = [feature_geometry(feature, where=item_where) for item_where, feature in items]
    label = where if len(items) == 1 else f"{where} and {len(items) - 1} more"
    geom = merge_geometries(parts, where=label, notes=notes)
    return LayerFeature(code, str(properties["statnaam"]).strip(), province, geom, where)


def read_herindelingen(path: Path) -> list[ReorganisationRow]:
    rows = []
    kinds = set(ReorganisationKind.values)
    for line, row in read_csv(path):
        where = f"{path} row {line}"
        kind = row.get("soort", "")
        if kind not in kinds:
            raise ImportError_(f"{where}: unknown soort {kind!r}")
        main = row.get("hoofdopvolger", "")
        if main not in ("ja", "nee"):
            raise ImportError_(f"{where}: hoofdopvolger must be ja or nee, not {main!r}")
        old = check_code(row.get("oude_code", ""), MUNICIPALITY_CODE, where=where, what="oude_code")
        new = check_code(
            row.get("nieuwe_code", ""), MUNICIPALITY_CODE, where=where, what="nieuwe_code"
        )
        if old == new:
            raise ImportError_(f"{where}: oude_code equals nieuwe_code")
        rows.append(
            ReorganisationRow(
                where=where,
                date=parse_iso_date(row.get("datum", ""), where=where),
                old_code=old,
                old_name=row.get("oude_naam", ""),
                new_code=new,
                new_name=row.get("nieuwe_naam", ""),
                kind=kind,
                is_main=main == "ja",
                share=_share(row.get("oppervlakteaandeel", ""), where=where),
                source=row.get("bron", "")[:200],
            )
        )
    return rows


def _share(value: str, *, where: str) -> Decimal | None:
    if not value:
        return None
    try:
        share = Decimal(value).quantize(Decimal("0.001"))
    except InvalidOperation as exc:
        raise ImportError_(f"{where}: oppervlakteaandeel {value!r} is not a number") from exc
    if not Decimal(0) < share <= Decimal(1):
        raise ImportError_(f"{where}: oppervlakteaandeel {value} is not in (0, 1]")
    return share


def read_tabel33(path: Path) -> dict[str, Tabel33Row]:
    """Tabel 33 by GM code (the table has 4-digit codes without GM)."""
    result = {}
    for line, row in read_csv(path):
        where = f"{path} row {line}"
        number = row.get("92.10 Gemeentecode", "")
        if not (len(number) == 4 and number.isdigit()):
            raise ImportError_(f"{where}: bad 92.10 Gemeentecode {number!r}")
        new = row.get("92.12 Nieuwe code", "")
        result[f"GM{number}"] = Tabel33Row(
            where=where,
            name=row.get("92.11 Omschrijving", ""),
            new_code=f"GM{new}" if new else "",
            valid_from=parse_compact_date(row.get("99.98 Datum ingang", ""), where=where),
            valid_to=parse_compact_date(row.get("99.99 Datum einde", ""), where=where),
        )
    return result


def read_koppeltabel(path: Path) -> dict[str, KoppelRow]:
    result: dict[str, KoppelRow] = {}
    for line, row in read_csv(path):
        where = f"{path} row {line}"
        code = check_code(
            row.get("gemeentecode", ""), MUNICIPALITY_CODE, where=where, what="gemeentecode"
        )
        if code in result:
            raise ImportError_(f"{where}: {code} also on {result[code].where}")
        result[code] = KoppelRow(
            where=where,
            code=code,
            name=row.get("gemeentenaam", ""),
            province_code=check_code(
                row.get("provinciecode", ""), PROVINCE_CODE, where=where, what="provinciecode"
            ),
            region_code=check_code(
                row.get("veiligheidsregiocode", ""),
                REGION_CODE,
                where=where,
                what="veiligheidsregiocode",
            ),
            region_name=row.get("veiligheidsregionaam", ""),
        )
    return result


def read_crosswalk(path: Path, year: int) -> dict[str, dict[str, Decimal]]:
    """Old code -> {2024 code: aandeel}."""
    result: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for line, row in read_csv(path):
        where = f"{path} row {line}"
        old = check_code(
            row.get(f"gemeentecode_{year}", ""), MUNICIPALITY_CODE, where=where, what="old"
        )
        new = check_code(
            row.get("gemeentecode_2024", ""), MUNICIPALITY_CODE, where=where, what="2024"
        )
        result[old][new] = _share(row.get("aandeel", ""), where=where) or Decimal(1)
    return dict(result)


def read_layers(report: ImportReport) -> dict[int, dict[str, LayerFeature]]:
    """All municipality layers that can be had (a missing derived layer is noted)."""
    layers = {}
    for year, geo_file in MUNICIPALITY_LAYERS.items():
        path = locate_optional(geo_file, report, f"the {year} boundaries are not loaded")
        if path is not None:
            layers[year] = read_layer(path, notes=report.notes)
            report.counts[f"layer {year} municipalities"] = len(layers[year])
    return layers
