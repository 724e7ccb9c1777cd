"""Loader of the 25 veiligheidsregio's (2024) as a Division of Wgr arrangements with their
member municipalities, from the CBS koppeltabel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from collaborations.arrangements.models import Arrangement, DataSource, Membership, Theme
from collaborations.arrangements.services.themes import themes_seed
from collaborations.core.choices import DivisionKind, Domain, LegalForm, LegalFormFamily, Role
from collaborations.divisions.models import Division
from collaborations.geography.models import Municipality
from collaborations.sources.base import ImportError_, ImportReport, read_geojson
from collaborations.sources.geo_common import (
    REGION_CODE,
    GeoFile,
    bulk_upsert,
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
THEME = "veiligheid"


@dataclass
class Region:
    code: str
    name: str
    where: str
    members: list[KoppelRow] = field(default_factory=list)


def load_veiligheidsregios() -> ImportReport:
    """Division "Veiligheidsregio's" with one arrangement per region (upserted on its region
    code) and one membership per municipality; members no longer listed are removed."""
    report = ImportReport("veiligheidsregio's 2024")
    regions = _regions(read_koppeltabel(locate_file(KOPPELTABEL_2024)))
    report.counts["regions in file"] = len(regions)
    report.counts["municipalities in file"] = sum(len(r.members) for r in regions.values())
    checked = _cross_check(regions, report)
    with transaction.atomic():
        sources = datasource_upsert([KOPPELTABEL_2024, *checked])
        source = sources[KOPPELTABEL_2024.slug]
        division = _upsert_division(source, report)
        arrangements = _upsert_arrangements(regions, division, source, report)
        _upsert_memberships(regions, arrangements, source, report)
    return report


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


def _upsert_division(source: DataSource, report: ImportReport) -> Division:
    values = {
        "slug": DIVISION_SLUG,
        "name": "Veiligheidsregio's",
        "domain": Domain.SOCIAAL,
        "kind": DivisionKind.SAMENWERKING,
        "year": YEAR,
        "source_id": source.pk,
    }
    existing = Division.objects.in_bulk([DIVISION_SLUG], field_name="slug")
    bulk_upsert(
        Division, wanted={DIVISION_SLUG: values}, existing=existing, report=report, label="division"
    )
    return Division.objects.get(slug=DIVISION_SLUG)


def _bump_version(arrangement: Arrangement) -> list[str]:
    arrangement.version += 1
    arrangement.updated_at = timezone.now()
    return ["version", "updated_at"]


def _upsert_arrangements(
    regions: dict[str, Region], division: Division, source: DataSource, report: ImportReport
) -> dict[str, Arrangement]:
    existing = {a.region_code: a for a in Arrangement.objects.filter(division=division)}
    slugs = set(Arrangement.objects.exclude(division=division).values_list("slug", flat=True))
    wanted = {}
    for code, region in regions.items():
        name = f"Veiligheidsregio {region.name}"
        slug = existing[code].slug if code in existing else slugify(name)
        wanted[code] = {
            "name": name,
            "short_name": region.name,
            "slug": slug if slug not in slugs else slugify(f"{name} {YEAR}"),
            "legal_form_family": LegalFormFamily.WGR,
            "legal_form": LegalForm.OPENBAAR_LICHAAM,
            "is_mandatory": True,
            "division_id": division.pk,
            "region_code": code,
            "source_id": source.pk,
            "source_reference": code,
            "provenance_note": f"{KOPPELTABEL_2024.name} ({KOPPELTABEL_2024.path_label})",
        }
    result = bulk_upsert(
        Arrangement,
        wanted=wanted,
        existing=existing,
        report=report,
        label="arrangements",
        on_update=_bump_version,
    )
    if extra := sorted(set(existing) - set(wanted)):
        report.notes.append(f"regions in the database but not in the file (kept): {extra}")
    arrangements = {a.region_code: a for a in Arrangement.objects.filter(division=division)}
    created = {obj.pk for obj in result.created}
    _set_theme(arrangements.values(), created, report)
    return arrangements


def _set_theme(
    arrangements: Iterable[Arrangement], created: set[int], report: ImportReport
) -> None:
    """Every region gets the theme veiligheid (other themes are left alone). Adding it to an
    arrangement that already existed counts as an update."""

    themes_seed()  # the baseline list, should it have been emptied
    theme = Theme.objects.filter(slug=THEME).first()
    if theme is None:
        raise ImportError_(f"theme {THEME!r} is missing (it is seeded by migration 0002)")
    through = Arrangement.themes.through
    has = set(through.objects.filter(theme=theme).values_list("arrangement_id", flat=True))
    missing = [
        through(arrangement_id=a.pk, theme_id=theme.pk) for a in arrangements if a.pk not in has
    ]
    through.objects.bulk_create(missing)
    report.counts["themes added"] = len(missing)
    report.updated += sum(1 for link in missing if link.arrangement_id not in created)


def _upsert_memberships(
    regions: dict[str, Region],
    arrangements: dict[str, Arrangement],
    source: DataSource,
    report: ImportReport,
) -> None:
    codes = {m.code for region in regions.values() for m in region.members}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "id"))
    wanted = {}
    for code, region in regions.items():
        for member in region.members:
            if member.code not in ids:
                raise ImportError_(
                    f"{member.where}: unknown municipality {member.code}; load municipalities first"
                )
            key = (arrangements[code].pk, ids[member.code])
            wanted[key] = {
                "arrangement_id": key[0],
                "municipality_id": key[1],
                "role": Role.PARTICIPANT,
                "name_as_recorded": member.name,
                "source_id": source.pk,
            }
    existing = {
        (m.arrangement_id, m.municipality_id): m
        for m in Membership.objects.filter(
            arrangement__in=[a.pk for a in arrangements.values()],
            municipality__isnull=False,
            valid_from__isnull=True,
        )
    }
    _remove_stale(existing, wanted, source, report)
    bulk_upsert(Membership, wanted=wanted, existing=existing, report=report, label="memberships")


def _remove_stale(existing: dict, wanted: dict, source: DataSource, report: ImportReport) -> None:
    """Members of this source that the file no longer lists are removed (and named)."""
    stale = [m for key, m in existing.items() if key not in wanted and m.source_id == source.pk]
    if not stale:
        return
    labels = defaultdict(list)
    for m in Membership.objects.filter(pk__in=[m.pk for m in stale]).values_list(
        "arrangement__region_code", "municipality__code"
    ):
        labels[m[0]].append(m[1])
    Membership.objects.filter(pk__in=[m.pk for m in stale]).delete()
    report.notes.append(
        f"removed {len(stale)} memberships no longer in the file: "
        + "; ".join(f"{region}: {', '.join(codes)}" for region, codes in sorted(labels.items()))
    )
