"""The parameters of a clustering run: validated, normalised JSON (stored on the run) and the
domain objects made from them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from collaborations.arrangements.models import Theme
from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.clustering.selectors.network import WEIGHTINGS
from collaborations.core.choices import DivisionKind, Domain, LegalForm, LegalFormFamily
from collaborations.divisions.models import Division

ALGORITHMS = ("leiden", "louvain")
MAX_REPETITIONS = 200
MAX_RESOLUTION = 1000.0

#: The filters a run may use: the fields of ArrangementFilter that select arrangements by what
#: they are (not by where or by name), and the peildatum.
LIST_FILTERS = (
    "themes",
    "domains",
    "legal_form_families",
    "legal_forms",
    "divisions",
    "exclude_divisions",
    "kinds",
    "provinces",
)
BOOL_FILTERS = ("include_divisions", "cooperation_only")
#: Filters of runs made before divisions had versions (docs/adr/0007-divisions-through-time.md): ignored.
RETIRED_FILTERS = ("include_superseded",)
FILTER_FIELDS = (*LIST_FILTERS, "mandatory", *BOOL_FILTERS, "day")

#: The defaults, chosen by the sweep on the real data (bench/bre_sweep.py, docs/bre.md).
DEFAULT_PARAMETERS: dict[str, Any] = {
    "filters": {"include_divisions": False},
    "weighting": "normalised",
    "algorithm": "leiden",
    "resolution": 9.0,
    "seed": 1,
    "repetitions": 50,
    "split_contiguous": False,
}


@dataclass(frozen=True)
class ClusteringParameters:
    filters: ArrangementFilter
    weighting: str
    algorithm: str
    resolution: float
    seed: int
    repetitions: int
    split_contiguous: bool


def _string_list(value: Any, allowed: set[str] | None, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("verwacht een lijst van teksten")
    if allowed is not None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValueError(f"onbekende {what}: {', '.join(unknown)}")
    return sorted(set(value))


def _day(value: Any) -> str | None:
    if value is None:
        return None
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or not datetime.date(1800, 1, 1) <= day <= datetime.date(2200, 1, 1):
        raise ValueError("verwacht een datum JJJJ-MM-DD (1800-2200)")
    return day.isoformat()


def _allowed_values() -> dict[str, tuple[set[str] | None, str]]:
    return {
        "themes": (set(Theme.objects.values_list("slug", flat=True)), "thema's"),
        "domains": (set(Domain.values), "domeinen"),
        "legal_form_families": (set(LegalFormFamily.values), "rechtsvormfamilies"),
        "legal_forms": (set(LegalForm.values), "rechtsvormen"),
        "divisions": (set(Division.objects.values_list("slug", flat=True)), "indelingen"),
        "exclude_divisions": (None, "indelingen"),
        "kinds": (set(DivisionKind.values), "soorten"),
        "provinces": (None, "provincies"),
    }


def _filter_value(name: str, value: Any, allowed: dict) -> Any:
    if name in LIST_FILTERS:
        values, what = allowed[name]
        if name == "exclude_divisions":
            values = allowed["divisions"][0]
        result = _string_list(value, values, what)
        if name == "provinces" and any(not (len(v) == 4 and v[:2] == "PV") for v in result):
            raise ValueError("verwacht provinciecodes zoals PV27")
        return result
    if name == "day":
        return _day(value)
    if name == "mandatory" and value is None:
        return None
    if not isinstance(value, bool):
        raise ValueError("verwacht true of false")
    return value


def _validate_filters(filters: Any, errors: dict[str, list[str]]) -> dict[str, Any]:
    if filters is None:
        return {}
    if not isinstance(filters, dict):
        errors["filters"] = ["verwacht een object"]
        return {}
    clean: dict[str, Any] = {}
    allowed = _allowed_values() if filters else {}
    for name, value in filters.items():
        if name not in FILTER_FIELDS:
            errors[f"filters.{name}"] = [f"onbekend filter; kies uit {', '.join(FILTER_FIELDS)}"]
            continue
        try:
            clean[name] = _filter_value(name, value, allowed)
        except ValueError as exc:
            errors[f"filters.{name}"] = [str(exc)]
    return {k: v for k, v in clean.items() if v not in (None, [])}


def _number(value: Any, kind: type, low: float, high: float, low_open: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("verwacht een getal" if kind is float else "verwacht een geheel getal")
    if kind is int and not float(value).is_integer():
        raise ValueError("verwacht een geheel getal")
    value = kind(value)
    if (value <= low if low_open else value < low) or value > high:
        bound = f"> {low}" if low_open else f">= {low}"
        raise ValueError(f"verwacht een waarde {bound} en <= {high}")
    return value


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"kies uit {', '.join(allowed)}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("verwacht true of false")
    return value


_FIELDS = {
    "weighting": lambda v: _choice(v, WEIGHTINGS),
    "algorithm": lambda v: _choice(v, ALGORITHMS),
    "resolution": lambda v: _number(v, float, 0.0, MAX_RESOLUTION, low_open=True),
    "seed": lambda v: _number(v, int, 0, 2**31 - 1),
    "repetitions": lambda v: _number(v, int, 1, MAX_REPETITIONS),
    "split_contiguous": _boolean,
}


def clustering_parameters_validate(*, parameters: Any) -> dict[str, Any]:
    """The run parameters, complete and normalised (missing fields take the defaults).
    Raises ValidationError with one message per bad field (``filters.themes``, ``resolution``)."""
    if not isinstance(parameters, dict):
        raise ValidationError({"parameters": ["verwacht een object"]})
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(parameters) - {"filters", *_FIELDS})
    for name in unknown:
        errors[name] = ["onbekende parameter"]
    clean: dict[str, Any] = {
        "filters": _validate_filters(
            parameters.get("filters", DEFAULT_PARAMETERS["filters"]), errors
        )
    }
    for name, check in _FIELDS.items():
        try:
            clean[name] = check(parameters.get(name, DEFAULT_PARAMETERS[name]))
        except ValueError as exc:
            errors[name] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return clean


def clustering_parameters_from(parameters: dict[str, Any]) -> ClusteringParameters:
    """Domain objects from stored (validated) parameters."""
    filters = {
        k: v for k, v in (parameters.get("filters") or {}).items() if k not in RETIRED_FILTERS
    }
    if "day" in filters:
        filters["day"] = datetime.date.fromisoformat(filters["day"])
    for name in LIST_FILTERS:
        if name in filters:
            filters[name] = tuple(filters[name])
    return ClusteringParameters(
        filters=ArrangementFilter(**filters),
        weighting=parameters["weighting"],
        algorithm=parameters["algorithm"],
        resolution=float(parameters["resolution"]),
        seed=int(parameters["seed"]),
        repetitions=int(parameters["repetitions"]),
        split_contiguous=bool(parameters["split_contiguous"]),
    )
