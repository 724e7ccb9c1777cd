"""Loader of the municipal reorganisations (herindelingen) 2015-2026, the lineage rebuild and
its check against the CBS crosswalks 2015/2016 -> 2024."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from collaborations.geography.models import Municipality, MunicipalityLineage, Reorganisation
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.sources.base import ImportError_, ImportReport
from collaborations.sources.geo_common import (
    bulk_upsert,
    datasource_upsert,
    locate_file,
    locate_optional,
    valid_on,
)
from collaborations.sources.geo_sources import (
    CROSSWALKS,
    HERINDELINGEN,
    ReorganisationRow,
    read_crosswalk,
    read_herindelingen,
)

SHARE_TOLERANCE = Decimal("0.0015")


def load_reorganisations() -> ImportReport:
    """Reorganisation rows from the herindelingen table (upserted on predecessor, successor and
    date), then the lineage rebuild and the crosswalk check."""
    report = ImportReport("herindelingen 2015-2026")
    rows = read_herindelingen(locate_file(HERINDELINGEN))
    report.counts["rows in file"] = len(rows)
    with transaction.atomic():
        _upsert_reorganisations(rows, report)
        datasource_upsert([HERINDELINGEN])
        report.counts["lineage rows"] = lineage_rebuild()
        _check_crosswalks(report)
    return report


def _upsert_reorganisations(rows: list[ReorganisationRow], report: ImportReport) -> None:
    codes = {code for row in rows for code in (row.old_code, row.new_code)}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "id"))
    wanted = {}
    for row in rows:
        for code in (row.old_code, row.new_code):
            if code not in ids:
                raise ImportError_(
                    f"{row.where}: unknown municipality {code}; load municipalities first"
                )
        key = (ids[row.old_code], ids[row.new_code], row.date)
        if key in wanted:
            raise ImportError_(f"{row.where}: duplicate of an earlier row")
        wanted[key] = {
            "date": row.date,
            "kind": row.kind,
            "predecessor_id": ids[row.old_code],
            "successor_id": ids[row.new_code],
            "is_main_successor": row.is_main,
            "area_share": row.share,
            "source": row.source,
        }
    _check_one_main(rows)
    existing = {(r.predecessor_id, r.successor_id, r.date): r for r in Reorganisation.objects.all()}
    if stale := [r.pk for key, r in existing.items() if key not in wanted]:
        Reorganisation.objects.filter(pk__in=stale).delete()
        report.notes.append(f"removed {len(stale)} reorganisations no longer in the file")
    bulk_upsert(
        Reorganisation, wanted=wanted, existing=existing, report=report, label="reorganisations"
    )


def _check_one_main(rows: list[ReorganisationRow]) -> None:
    mains: dict[str, str] = {}
    for row in rows:
        if row.is_main and row.old_code in mains:
            raise ImportError_(
                f"{row.where}: second hoofdopvolger for {row.old_code} (first: {mains[row.old_code]})"
            )
        if row.is_main:
            mains[row.old_code] = row.where
    for row in rows:
        if row.old_code not in mains:
            raise ImportError_(f"{row.where}: {row.old_code} has no hoofdopvolger=ja row")


def descendants_today() -> dict[str, dict[str, Decimal]]:
    """Ancestor code -> {descendant code valid today: share}, from MunicipalityLineage."""
    today = timezone.localdate()
    current = Municipality.objects.filter(valid_on(today)).values("id")
    result: dict[str, dict[str, Decimal]] = defaultdict(dict)
    rows = MunicipalityLineage.objects.filter(descendant__in=current).values_list(
        "ancestor__code", "descendant__code", "share"
    )
    for ancestor, descendant, share in rows:
        result[ancestor][descendant] = share
    return result


def _check_crosswalks(report: ImportReport) -> None:
    """For every old code of the 2015 and 2016 crosswalks, its descendants valid today must be
    the crosswalk's 2024 codes (and the shares agree). Mismatches are notes."""
    lineage = descendants_today()
    used = []
    for year, geo_file in CROSSWALKS.items():
        path = locate_optional(geo_file, report, f"lineage not checked against {year}")
        if path is None:
            continue
        used.append(geo_file)
        crosswalk = read_crosswalk(path, year)
        mismatches = [
            _mismatch(old, expected, lineage.get(old, {}))
            for old, expected in sorted(crosswalk.items())
        ]
        mismatches = [m for m in mismatches if m]
        report.counts[f"crosswalk {year}: codes checked"] = len(crosswalk)
        report.counts[f"crosswalk {year}: mismatches"] = len(mismatches)
        report.notes += [f"crosswalk {year} mismatch: {m}" for m in mismatches]
    datasource_upsert(used)


def _mismatch(old: str, expected: dict[str, Decimal], found: dict[str, Decimal]) -> str:
    if set(expected) != set(found):
        return f"{old}: lineage today {sorted(found)}, crosswalk {sorted(expected)}"
    shares = [
        f"{code} {found[code]} vs {expected[code]}"
        for code in sorted(expected)
        if found[code] is not None and abs(found[code] - expected[code]) > SHARE_TOLERANCE
    ]
    return f"{old}: shares differ: {'; '.join(shares)}" if shares else ""
