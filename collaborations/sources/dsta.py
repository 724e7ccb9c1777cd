"""The CBS GR codes of gemeenschappelijke regelingen from Open State's DSTA list
(``nl/samenwerking/gemeenschappelijke_regelingen_dsta_partial.csv``), matched by name to the
regelingen that OpenGR loaded."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.names import (
    RegelingIndex,
)
from collaborations.sources.base import ImportError_, ImportReport, Source, locate
from collaborations.sources.opengr import DATASOURCE, OPENSTATE
from collaborations.sources.sync import (
    DataSourceSpec,
    datasource_upsert,
    read_table,
    tally,
)

DSTA_SOURCE = Source(
    "nl/samenwerking/gemeenschappelijke_regelingen_dsta_partial.csv",
    url=f"{OPENSTATE}/partial/gemeenschappelijke_regelingen.csv",
    description="Partial list of gemeenschappelijke regelingen with CBS GR codes (DSTA)",
)
DSTA_DATASOURCE = DataSourceSpec(
    slug="dsta-gemeenschappelijke-regelingen-2016",
    name="Gemeenschappelijke regelingen met CBS GR-code (DSTA-lijst, partieel)",
    publisher="Open State Foundation (DSTA-lijst; GR-codes van CBS, tabel 45029NED)",
    url=DSTA_SOURCE.url or "",
    licence="ODC-PDDL-1.0",
    year=2016,
)
DSTA_COLUMNS = ("DSTA_GR_naam", "Adres", "Postcode", "Plaats", "CBS_GR_naam", "CBS_GR_code")
GR_CODE = re.compile(r"^GR[0-9]{4}$")


def load_dsta_gr_codes() -> ImportReport:
    """Set the CBS GR code (GRxxxx) of the OpenGR arrangements that the partial DSTA list
    gives one for. Run after :func:`load_opengr_2015`. A code of the list that an OpenGR
    arrangement holds but no longer matches (an earlier, different match) is taken away."""
    report = ImportReport(name="CBS GR-codes (DSTA-lijst, partieel)")
    rows = read_table(locate(DSTA_SOURCE), DSTA_COLUMNS, label=DSTA_SOURCE.relative_path)
    coded = [(line, row) for line, row in rows if row["CBS_GR_code"]]
    for line, row in coded:
        if not GR_CODE.match(row["CBS_GR_code"]):
            raise ImportError_(
                f"{DSTA_SOURCE.relative_path}, line {line}: CBS_GR_code "
                f"{row['CBS_GR_code']!r} is not GR + 4 digits"
            )
    with transaction.atomic():
        datasource_upsert(DSTA_DATASOURCE)
        arrangements = list(
            Arrangement.objects.filter(source__slug=DATASOURCE.slug).only(
                "id", "name", "cbs_gr_code"
            )
        )
        if not arrangements:
            report.notes.append("no OpenGR arrangements: run load_opengr_2015 first")
        wanted = _match_codes(coded, RegelingIndex(arrangements), report)
        _drop_codes_held_elsewhere(wanted, report)
        _store_codes(arrangements, wanted, {row["CBS_GR_code"] for _, row in coded}, report)
    report.counts["rows"] = len(rows)
    report.counts["rows with a GR code"] = len(coded)
    return report


def _match_codes(coded, index: RegelingIndex, report: ImportReport) -> dict[int, tuple[str, str]]:
    """arrangement id -> (code, where) for every coded row that identifies one arrangement
    and does not contradict an earlier row."""
    wanted: dict[int, tuple[str, str]] = {}
    claimed: dict[str, int] = {}
    for line, row in coded:
        code, where = row["CBS_GR_code"], f"{DSTA_SOURCE.relative_path}, line {line}"
        arrangement, how = index.find(row["CBS_GR_naam"], row["DSTA_GR_naam"])
        if arrangement is None:
            report.unmatched.append(
                f"{where}: {code} {row['CBS_GR_naam'] or row['DSTA_GR_naam']!r}"
            )
            continue
        report.counts[f"matched by {how}"] = report.counts.get(f"matched by {how}", 0) + 1
        if how == "words":
            report.notes.append(f"{code} {row['CBS_GR_naam']!r} -> {arrangement.name!r} (by words)")
        if (
            claimed.get(code, arrangement.pk) != arrangement.pk
            or wanted.get(arrangement.pk, (code,))[0] != code
        ):
            report.rejected.append(
                f"{where}: {code} for {arrangement.name!r} contradicts another row"
            )
            continue
        wanted[arrangement.pk] = (code, where)
        claimed[code] = arrangement.pk
    return wanted


def _drop_codes_held_elsewhere(wanted: dict[int, tuple[str, str]], report: ImportReport) -> None:
    """Codes already held by arrangements of another source are not moved."""
    codes = {code: pk for pk, (code, _) in wanted.items()}
    elsewhere = (
        Arrangement.objects.filter(cbs_gr_code__in=codes)
        .exclude(source__slug=DATASOURCE.slug)
        .values_list("cbs_gr_code", "name")
    )
    for code, name in elsewhere:
        _, where = wanted.pop(codes[code])
        report.rejected.append(f"{where}: {code} is already the code of {name!r}")


def _store_codes(
    arrangements: list[Arrangement],
    wanted: dict[int, tuple[str, str]],
    listed: set[str],
    report: ImportReport,
) -> None:
    """Write the codes in two steps, so that no code is ever held twice: first take away the
    listed codes that arrangements should no longer hold, then set the wanted ones."""
    now = timezone.now()
    stale = [
        a
        for a in arrangements
        if a.cbs_gr_code in listed and a.cbs_gr_code != wanted.get(a.pk, (None,))[0]
    ]
    for arrangement in stale:
        arrangement.cbs_gr_code, arrangement.updated_at = None, now
    Arrangement.objects.bulk_update(stale, ["cbs_gr_code", "updated_at"])
    new = [a for a in arrangements if a.pk in wanted and a.cbs_gr_code != wanted[a.pk][0]]
    for arrangement in new:
        arrangement.cbs_gr_code, arrangement.updated_at = wanted[arrangement.pk][0], now
    Arrangement.objects.bulk_update(new, ["cbs_gr_code", "updated_at"])
    updated = {a.pk for a in stale} | {a.pk for a in new}
    tally(report, "codes", 0, len(updated), len(wanted) - len(new))
    if removed := {a.pk for a in stale} - {a.pk for a in new}:
        report.notes.append(
            f"{len(removed)} codes taken away from arrangements they no longer match"
        )
