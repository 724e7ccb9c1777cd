"""Loading a version of a division through the one generic path (divisions.services), with
the loader's report: counts per kind of row, the version's report as notes, unknown codes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from collaborations.arrangements.models import Membership
from collaborations.divisions.services import (
    FamilySpec,
    RegionInput,
    VersionError,
    VersionInput,
    VersionResult,
    division_version_apply,
    division_version_plan,
    version_report_lines,
)
from collaborations.sources.base import ImportError_, ImportReport


def version_load(
    *,
    family: FamilySpec,
    version: VersionInput,
    regions: Sequence[RegionInput],
    report: ImportReport,
) -> VersionResult:
    """Plan and apply one version; add its counts, report and unknown codes to ``report``.
    A version that cannot be applied raises ImportError_ naming the division."""
    try:
        plan = division_version_plan(family=family, version=version, regions=regions)
        removed = _removed(plan.memberships.delete)
        result = division_version_apply(plan=plan)
    except VersionError as exc:
        raise ImportError_(str(exc)) from exc
    for label, (created, updated, unchanged) in result.counts.items():
        report.created += created
        report.updated += updated
        report.unchanged += unchanged
        for key, value in ((f"{label} created", created), (f"{label} updated", updated)):
            report.counts[key] = report.counts.get(key, 0) + value
    report.notes += version_report_lines(result.report)
    if removed:
        report.notes.append(
            f"{family.slug} {version.label}: removed {sum(map(len, removed.values()))} "
            "memberships of this version no longer in the file: "
            + "; ".join(
                f"{region}: {', '.join(codes)}" for region, codes in sorted(removed.items())
            )
        )
    report.unmatched += plan.unmatched
    return result


def _removed(ids: list[int]) -> dict[str, list[str]]:
    """{region: municipality codes} of memberships about to be deleted (for the report)."""
    labels: dict[str, list[str]] = defaultdict(list)
    rows = Membership.objects.filter(pk__in=ids).values_list(
        "arrangement__region_code", "arrangement__short_name", "municipality__code"
    )
    for code, name, municipality in rows:
        labels[code or name].append(municipality)
    return {region: sorted(codes) for region, codes in labels.items()}
