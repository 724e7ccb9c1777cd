"""What the checks of a proposed state work on and report: the outcome (Checked, with its
Issues), the lookups loaded once per batch, and the items to check. Shared by
:mod:`.validation` and :mod:`.validation_members`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Issue:
    field: str
    message: str


@dataclass
class Checked:
    """The outcome of :func:`state_check`: the state completed (member names, normalised
    values), and the errors (blocking) and warnings (to confirm)."""

    state: dict[str, Any]
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors.append(Issue(name, message))

    def warn(self, name: str, message: str) -> None:
        self.warnings.append(Issue(name, message))

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_for_errors(self) -> None:
        if self.errors:
            raise ValidationError(as_error_dict(self.errors))


def as_error_dict(issues: list[Issue]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for issue in issues:
        result[issue.field].append(issue.message)
    return dict(result)


# --- members ------------------------------------------------------------------------------------
@dataclass
class Lookups:
    """Everything the checks need from the database, loaded once for a batch of states."""

    themes: set[str]
    municipalities: dict[str, dict]
    provinces: dict[str, str]
    organisations: dict[int, dict]
    gr_codes: dict[str, int]
    names: dict[str, list[int]]
    pending_names: dict[str, set[int]]


@dataclass(frozen=True)
class CheckItem:
    state: dict[str, Any]
    base: dict[str, Any] | None = None
    arrangement_id: int | None = None
    submission_id: int | None = None  # a submission being revised: not its own duplicate
