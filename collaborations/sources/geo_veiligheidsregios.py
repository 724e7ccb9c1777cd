"""Loader of the 25 veiligheidsregio's (2024) from the CBS koppeltabel: the 2024 version of
the family ``veiligheidsregios`` (sources.division_families), through the generic division path
(divisions.services), with a cross-check against the veiligheidsregio layer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from collaborations.divisions.services import MemberInput, RegionInput, VersionInput
from collaborations.geography.models import Municipality
from collaborations.sources.base import ImportError_, ImportReport, read_geojson
from collaborations.sources.division_families import FAMILIES
from collaborations.sources.division_versions import version_load
from collaborations.sources.geo_common import (
    REGION_CODE,
    GeoFile,
    check_code,
    datasource_upsert,
    locate_file,
    locate_optional,
)
from collaborations.sources.geo_sources import (
    KOPPELTABEL_2024,
    VEILIGHEIDSREGIOS_2024,
    KoppelRow,
    read_koppeltabel,
)

DIVISION_SLUG = "veiligheidsregios"
YEAR = 2024
VALID_FROM = datetime.date(YEAR, 1, 1)


@dataclass
class Region:
    code: str
    name: str
    where: str
    members: list[KoppelRow] = field(default_factory=list)


def load_veiligheidsregios() -> ImportReport:
    """The 2024 version of the veiligheidsregio's: one region per region code, one membership
    per municipality; a municipality that is not loaded stops the load."""
    report = ImportReport("veiligheidsregio's 2024")
    regions = _regions(read_koppeltabel(locate_file(KOPPELTABEL_2024)))
    report.counts["regions in file"] = len(regions)
    report.counts["municipalities in file"] = sum(len(r.members) for r in regions.values())
    checked = _cross_check(regions, report)
    _check_members(regions)
    with transaction.atomic():
        sources = datasource_upsert([KOPPELTABEL_2024, *checked])
        source = sources[KOPPELTABEL_2024.slug]
        version = VersionInput(
            valid_from=VALID_FROM,
            label=str(YEAR),
            source=source,
            provenance=f"{KOPPELTABEL_2024.name} ({KOPPELTABEL_2024.path_label}).",
        )
        inputs = [
            RegionInput(
                name=region.name,
                code=code,
                reference=code,
                members=tuple(MemberInput(m.code, m.name, where=m.where) for m in region.members),
            )
            for code, region in regions.items()
        ]
        version_load(family=FAMILIES[DIVISION_SLUG], version=version, regions=inputs, report=report)
    return report


def _check_members(regions: dict[str, Region]) -> None:
    codes = {m.code for region in regions.values() for m in region.members}
    known = set(Municipality.objects.filter(code__in=codes).values_list("code", flat=True))
    for region in regions.values():
        for member in region.members:
            if member.code not in known:
                raise ImportError_(
                    f"{member.where}: unknown municipality {member.code}; load municipalities first"
                )


def _regions(rows: dict[str, KoppelRow]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for row in rows.values():
        region = regions.setdefault(
            row.region_code, Region(row.region_code, row.region_name, row.where)
        )
        if not row.region_name or row.region_name != region.name:
            raise ImportError_(
                f"{row.where}: {row.region_code} is named {row.region_name!r}, "
                f"but {region.name!r} on {region.where}"
            )
        region.members.append(row)
    return dict(sorted(regions.items()))


def _cross_check(regions: dict[str, Region], report: ImportReport) -> list[GeoFile]:
    """Compare names and members with the veiligheidsregio layer; differences are notes."""
    path = locate_optional(VEILIGHEIDSREGIOS_2024, report, "names and members not cross-checked")
    if path is None:
        return []
    layer = {}
    for number, feature in enumerate(read_geojson(path), start=1):
        properties = feature.get("properties") or {}
        where = f"{path} feature {number}"
        layer[
            check_code(properties.get("statcode", ""), REGION_CODE, where=where, what="statcode")
        ] = properties
    for code in sorted(set(regions) | set(layer)):
        if code not in regions or code not in layer:
            report.notes.append(
                f"cross-check: {code} only in the {'table' if code in regions else 'layer'}"
            )
            continue
        region, properties = regions[code], layer[code]
        if properties.get("statnaam") != region.name:
            report.notes.append(
                f"cross-check: {code} is {properties.get('statnaam')!r} in the layer, {region.name!r} in the table"
            )
        listed = properties.get("gemeenten")
        count = properties.get("aantal_gemeenten", len(listed or region.members))
        if (listed and set(listed) != {m.code for m in region.members}) or count != len(
            region.members
        ):
            report.notes.append(f"cross-check: {code} has other members in the layer ({count})")
    report.counts["regions cross-checked with the layer"] = len(layer)
    return [VEILIGHEIDSREGIOS_2024]
