"""Loaders of provinces and municipalities (with their validity and boundary versions)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.gis.geos import MultiPolygon
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from collaborations.geography.models import Municipality, MunicipalityBoundary, Province
from collaborations.sources.base import ImportError_, ImportReport
from collaborations.sources.geo_common import (
    PROVINCE_CODE,
    GeoFile,
    bulk_upsert,
    datasource_upsert,
    locate_file,
    locate_optional,
    valid_on,
)
from collaborations.sources.geo_sources import (
    HERINDELINGEN,
    KOPPELTABEL_2024,
    MUNICIPALITY_LAYERS,
    PROVINCES_2024,
    TABEL33,
    KoppelRow,
    LayerFeature,
    ReorganisationRow,
    Tabel33Row,
    read_herindelingen,
    read_koppeltabel,
    read_layer,
    read_layers,
    read_tabel33,
)

NEW_CODE_KINDS = ("samenvoeging", "naamswijziging")


def load_provinces() -> ImportReport:
    """Provinces (PV20..PV31) with their 2024 boundary, upserted on the code."""
    report = ImportReport("provincies (CBS 2024)")
    path = locate_file(PROVINCES_2024)
    features = read_layer(path, notes=report.notes, code_pattern=PROVINCE_CODE)
    wanted = {code: {"code": code, "name": f.name, "geom": f.geom} for code, f in features.items()}
    with transaction.atomic():
        existing = Province.objects.in_bulk(field_name="code")
        bulk_upsert(Province, wanted=wanted, existing=existing, report=report, label="provinces")
        datasource_upsert([PROVINCES_2024])
    report.counts["provinces in file"] = len(wanted)
    if extra := sorted(set(existing) - set(wanted)):
        report.notes.append(f"provinces in the database but not in the file (kept): {extra}")
    return report


# --- municipalities ---------------------------------------------------------------------


@dataclass
class Inputs:
    layers: dict[int, dict[str, LayerFeature]]
    reorganisations: list[ReorganisationRow]
    tabel33: dict[str, Tabel33Row]
    koppel: dict[str, KoppelRow]
    used: list[GeoFile] = field(default_factory=list)


@dataclass
class Plan:
    code: str
    name: str
    province: tuple[str, str] | None  # (code, where it came from)
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    layer_years: list[int]


def _read_inputs(report: ImportReport) -> Inputs:
    layers = read_layers(report)
    if not layers:
        raise ImportError_("no municipality layer could be read")
    inputs = Inputs(layers=layers, reorganisations=[], tabel33={}, koppel={})
    inputs.used = [MUNICIPALITY_LAYERS[year] for year in layers]
    if path := locate_optional(HERINDELINGEN, report, "no abolished codes or validity dates"):
        inputs.reorganisations = read_herindelingen(path)
        inputs.used.append(HERINDELINGEN)
    if path := locate_optional(TABEL33, report, "valid_from only from the herindelingen"):
        inputs.tabel33 = read_tabel33(path)
        inputs.used.append(TABEL33)
    if path := locate_optional(KOPPELTABEL_2024, report, "provinces only from older layers"):
        inputs.koppel = read_koppeltabel(path)
        inputs.used.append(KOPPELTABEL_2024)
        _note_koppeltabel(inputs, report)
    return inputs


def _note_koppeltabel(inputs: Inputs, report: ImportReport) -> None:
    """The koppeltabel should list exactly the codes of the latest layer."""
    latest = inputs.layers[max(inputs.layers)]
    if only_table := sorted(set(inputs.koppel) - set(latest)):
        report.notes.append(f"{KOPPELTABEL_2024.path_label}: not in the latest layer: {only_table}")
    if only_layer := sorted(set(latest) - set(inputs.koppel)):
        report.notes.append(f"{KOPPELTABEL_2024.path_label}: missing codes: {only_layer}")


def _all_codes(inputs: Inputs) -> set[str]:
    codes = {code for layer in inputs.layers.values() for code in layer}
    for row in inputs.reorganisations:
        codes.update((row.old_code, row.new_code))
    return codes


def _name(code: str, inputs: Inputs) -> str:
    for year in sorted(inputs.layers, reverse=True):
        if code in inputs.layers[year]:
            return inputs.layers[year][code].name
    for row in reversed(inputs.reorganisations):
        if code == row.new_code and row.new_name:
            return row.new_name
        if code == row.old_code and row.old_name:
            return row.old_name
    return inputs.tabel33[code].name if code in inputs.tabel33 else code


def _abolished_on(inputs: Inputs, report: ImportReport) -> dict[str, datetime.date]:
    result: dict[str, datetime.date] = {}
    for row in inputs.reorganisations:
        earlier = result.get(row.old_code)
        if earlier is not None and earlier != row.date:
            report.notes.append(f"{row.where}: {row.old_code} also abolished on {earlier}")
        result[row.old_code] = min(row.date, earlier or row.date)
    return result


def _created_on(inputs: Inputs, report: ImportReport) -> dict[str, datetime.date]:
    """Codes that first appear as the new code of a samenvoeging or naamswijziging."""
    result: dict[str, datetime.date] = {}
    for row in inputs.reorganisations:
        if row.kind not in NEW_CODE_KINDS:
            continue
        older = [
            y for y, layer in inputs.layers.items() if row.new_code in layer and y < row.date.year
        ]
        if older:
            report.notes.append(
                f"{row.where}: {row.new_code} is in the {min(older)} layer, so it is not new "
                f"on {row.date}; valid_from not taken from this row"
            )
            continue
        result[row.new_code] = min(row.date, result.get(row.new_code, row.date))
    return result


def _province_of(code: str, inputs: Inputs, successors: dict[str, str]) -> tuple[str, str] | None:
    """(province code, where from): the 2024 koppeltabel, the 2016 and 2015 layers, else the
    province of the main successor (for codes abolished before the oldest layer)."""
    seen = set()
    while code and code not in seen:
        seen.add(code)
        if code in inputs.koppel:
            return inputs.koppel[code].province_code, inputs.koppel[code].where
        for year in sorted(inputs.layers, reverse=True):
            feature = inputs.layers[year].get(code)
            if feature is not None and feature.province_code:
                return feature.province_code, feature.where
        code = successors.get(code, "")
    return None


def _plan(inputs: Inputs, report: ImportReport) -> dict[str, Plan]:
    abolished = _abolished_on(inputs, report)
    created = _created_on(inputs, report)
    successors = {row.old_code: row.new_code for row in inputs.reorganisations if row.is_main}
    plans = {}
    for code in sorted(_all_codes(inputs)):
        t33 = inputs.tabel33.get(code)
        plan = Plan(
            code=code,
            name=_name(code, inputs),
            province=_province_of(code, inputs, successors),
            valid_from=(t33.valid_from if t33 else None) or created.get(code),
            valid_to=abolished.get(code),
            layer_years=sorted(y for y, layer in inputs.layers.items() if code in layer),
        )
        if plan.valid_from and plan.valid_to and plan.valid_to <= plan.valid_from:
            raise ImportError_(
                f"{code}: abolished on {plan.valid_to}, before it began on {plan.valid_from} "
                f"({HERINDELINGEN.path_label} / {TABEL33.path_label})"
            )
        if plan.province is None:
            report.notes.append(f"{code} {plan.name}: no province found")
        plans[code] = plan
    _note_tabel33(plans, inputs, created, report)
    return plans


def _note_tabel33(
    plans: dict[str, Plan], inputs: Inputs, created: dict, report: ImportReport
) -> None:
    """Cross-check Tabel 33 against the herindelingen; differences are notes, not errors."""
    if not inputs.tabel33:
        return
    no_end = []
    for code, plan in plans.items():
        t33 = inputs.tabel33.get(code)
        if t33 is None:
            continue
        if plan.valid_to and t33.valid_to is None:
            no_end.append(code)
        else:
            report.notes += _tabel33_differences(code, plan, t33, created.get(code))
    if no_end:
        report.notes.append(
            f"Tabel 33 (snapshot 2022-11-03) has no end date for {', '.join(no_end)}; "
            "the herindelingen date is used"
        )
    if missing := sorted(code for code in plans if code not in inputs.tabel33):
        report.notes.append(f"not in Tabel 33: {', '.join(missing)}")


def _tabel33_differences(
    code: str, plan: Plan, t33: Tabel33Row, created: datetime.date | None
) -> list[str]:
    notes = []
    if t33.valid_to != plan.valid_to:
        notes.append(
            f"{t33.where}: Tabel 33 ends {code} on {t33.valid_to}, herindelingen on {plan.valid_to}"
        )
    if t33.valid_from and created and created != t33.valid_from:
        notes.append(
            f"{t33.where}: Tabel 33 starts {code} on {t33.valid_from}, "
            f"herindelingen on {created} (Tabel 33 used)"
        )
    return notes


def _max_date(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else a if b is None else max(a, b)


def _min_date(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else a if b is None else min(a, b)


def boundary_versions(
    years: list[int], valid_from: datetime.date | None, valid_to: datetime.date | None
) -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    """(layer year, valid_from, valid_to) of each layer version: the first from the
    municipality's start, the others from 1 January of their year, each until 1 January of
    the next version's year (the last until the municipality ends), clipped to its validity.
    Versions that the clipping leaves empty are dropped."""
    versions = []
    for index, year in enumerate(years):
        start = valid_from if index == 0 else datetime.date(year, 1, 1)
        end = datetime.date(years[index + 1], 1, 1) if index + 1 < len(years) else valid_to
        start, end = _max_date(start, valid_from), _min_date(end, valid_to)
        if start is None or end is None or start < end:
            versions.append((year, start, end))
    return versions


def load_municipalities() -> ImportReport:
    """Every municipality of the 2015, 2016, 2022 and 2024 layers and of the herindelingen,
    with validity dates, province, latest boundary and one boundary version per layer."""
    report = ImportReport("gemeenten (CBS 2015, 2016, 2022, 2024 + herindelingen)")
    inputs = _read_inputs(report)
    plans = _plan(inputs, report)
    with transaction.atomic():
        _upsert_municipalities(plans, inputs, report)
        _upsert_boundaries(plans, inputs, report)
        datasource_upsert(inputs.used)
        _check_counts(inputs, report)
    _note_gaps(inputs, report)
    return report


def _latest_geom(code: str, inputs: Inputs) -> MultiPolygon | None:
    for year in sorted(inputs.layers, reverse=True):
        if code in inputs.layers[year]:
            return inputs.layers[year][code].geom
    return None


def _upsert_municipalities(plans: dict[str, Plan], inputs: Inputs, report: ImportReport) -> None:
    province_ids = dict(Province.objects.values_list("code", "id"))
    wanted = {}
    for code, plan in plans.items():
        province_id = None
        if plan.province is not None:
            province_code, where = plan.province
            if province_code not in province_ids:
                raise ImportError_(f"{where}: unknown province {province_code} for {code}")
            province_id = province_ids[province_code]
        wanted[code] = {
            "code": code,
            "name": plan.name,
            "province_id": province_id,
            "valid_from": plan.valid_from,
            "valid_to": plan.valid_to,
            "geom": _latest_geom(code, inputs),
        }
    existing = Municipality.objects.filter(country="nl").in_bulk(field_name="code")
    bulk_upsert(
        Municipality, wanted=wanted, existing=existing, report=report, label="municipalities"
    )
    report.counts["municipalities without geometry"] = sum(
        1 for v in wanted.values() if not v["geom"]
    )
    if extra := len(set(existing) - set(wanted)):
        report.notes.append(f"{extra} municipalities in the database are not in these files (kept)")


def _upsert_boundaries(plans: dict[str, Plan], inputs: Inputs, report: ImportReport) -> None:
    ids = dict(Municipality.objects.filter(code__in=plans).values_list("code", "id"))
    wanted = {}
    for code, plan in plans.items():
        versions = boundary_versions(plan.layer_years, plan.valid_from, plan.valid_to)
        if dropped := set(plan.layer_years) - {year for year, _, _ in versions}:
            report.notes.append(f"{code}: layer(s) {sorted(dropped)} fall outside its validity")
        for year, start, end in versions:
            wanted[(ids[code], year)] = {
                "municipality_id": ids[code],
                "year": year,
                "valid_from": start,
                "valid_to": end,
                "geom": inputs.layers[year][code].geom,
                "source": MUNICIPALITY_LAYERS[year].name,
            }
    existing = {
        (b.municipality_id, b.year): b
        for b in MunicipalityBoundary.objects.filter(
            year__in=list(inputs.layers), municipality__country="nl"
        )
    }
    if stale := [b.pk for key, b in existing.items() if key not in wanted]:
        MunicipalityBoundary.objects.filter(pk__in=stale).delete()
        report.notes.append(f"removed {len(stale)} boundary versions no longer in the layers")
    bulk_upsert(
        MunicipalityBoundary, wanted=wanted, existing=existing, report=report, label="boundaries"
    )


def _check_counts(inputs: Inputs, report: ImportReport) -> None:
    """Municipalities (and boundary versions) valid on 1 January of each layer year must number
    the layer's features; today must match the latest layer. Mismatches are notes."""
    expected = {datetime.date(year, 1, 1): len(layer) for year, layer in inputs.layers.items()}
    expected.setdefault(timezone.localdate(), len(inputs.layers[max(inputs.layers)]))
    days = sorted(expected)
    aggregates = {f"d{i}": Count("id", filter=valid_on(day)) for i, day in enumerate(days)}
    municipalities = Municipality.objects.filter(country="nl").aggregate(**aggregates)
    boundaries = MunicipalityBoundary.objects.filter(municipality__country="nl").aggregate(
        **aggregates
    )
    for i, day in enumerate(days):
        found = municipalities[f"d{i}"]
        report.counts[f"valid on {day}"] = found
        if found != expected[day]:
            report.notes.append(
                f"MISMATCH: {found} municipalities valid on {day}, expected {expected[day]}"
            )
        if boundaries[f"d{i}"] != found:
            report.notes.append(
                f"MISMATCH: {boundaries[f'd{i}']} boundary versions valid on {day}, "
                f"but {found} municipalities"
            )


def _note_gaps(inputs: Inputs, report: ImportReport) -> None:
    """An existing municipality that absorbs (part of) another between two layer years keeps
    its older boundary until the next layer: the absorbed area is unmapped meanwhile."""
    gaps = defaultdict(list)
    layer_starts = sorted(datetime.date(year, 1, 1) for year in inputs.layers)
    for row in inputs.reorganisations:
        older = [y for y, layer in inputs.layers.items() if row.new_code in layer]
        if row.date in layer_starts or not any(datetime.date(y, 1, 1) < row.date for y in older):
            continue
        until = next((start for start in layer_starts if start > row.date), None)
        gaps[until].append(f"{row.old_code}>{row.new_code} {row.date}")
    for until, items in sorted(gaps.items(), key=lambda item: str(item[0])):
        report.notes.append(
            f"known gap: until {until or 'the next layer'} the map lacks the area of "
            f"{len(items)} absorbed municipalities, e.g. {', '.join(items[:3])}"
        )
