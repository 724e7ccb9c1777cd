"""Writing divisions: a version of a division from its regions (inputs -> plan -> apply), the
one path for the loaders of the public files and the bulk import of a division."""

from collaborations.divisions.services.apply import (
    VersionResult,
    division_version_apply,
    version_report,
    version_report_lines,
)
from collaborations.divisions.services.inputs import (
    FamilySpec,
    MemberInput,
    RegionDefaults,
    RegionInput,
    VersionInput,
    family_default,
)
from collaborations.divisions.services.plan_rows import VersionError, VersionPlan
from collaborations.divisions.services.versions import division_version_plan

__all__ = [
    "FamilySpec",
    "MemberInput",
    "RegionDefaults",
    "RegionInput",
    "VersionError",
    "VersionInput",
    "VersionPlan",
    "VersionResult",
    "division_version_apply",
    "division_version_plan",
    "family_default",
    "version_report",
    "version_report_lines",
]
