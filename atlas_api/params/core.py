"""One declaration per parameter.

A :class:`Param` gives a query, path or header parameter its public (Dutch) name, the JSON
schema of its value (type, enum, pattern, format, minimum/maximum, array style), a description
and an example, and how it becomes a domain value (``keyword`` and ``convert``). Views declare
their parameters once (``parameters`` on :class:`atlas_api.views.api.ApiView`); the same
declarations parse every request (:func:`parse`, which names every bad or unknown parameter)
and document every operation (:class:`atlas_api.schema.ApiAutoSchema`), so the OpenAPI
document cannot drift from the behaviour. In the spirit of django-filter and the
django-rest-framework-gis filter backends, which declare their own schema."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from . import values

QUERY, PATH, HEADER = "query", "path", "header"
PRIORITY = {404: 0, 400: 1, 428: 2, 406: 3}


class InvalidParams(Exception):  # noqa: N818 - carries a list of problems, not one error
    """One or more parameters are invalid; ``params`` lists {name, reason}. ``status`` is the
    HTTP status of the problem: 400 (bad input), 404 (a path that names no resource) or 406
    (a representation the API cannot give, e.g. Accept-Crs)."""

    def __init__(self, params: list[dict[str, str]], status: int = 400):
        super().__init__("; ".join(f"{p['name']}: {p['reason']}" for p in params))
        self.params = params
        self.status = status


@dataclass(frozen=True)
class Param:
    """A parameter: name, location, the JSON schema of its value and how to read it."""

    name: str
    schema: Mapping[str, Any]
    description: str
    keyword: str = ""  # the key of the parsed value (default: the name)
    location: str = QUERY
    required: bool = False
    default: Any = None  # the value when absent (documented when not None)
    convert: Callable[[Any], Any] | None = None  # checked value -> domain value (ValueError)
    #: Status of a bad value: 400, or 404 for a path parameter that names no resource, or 406
    #: for a header that asks for a representation the API does not have.
    error_status: int = 400
    missing: str = ""  # the reason when a required parameter is absent (default: "verplicht")
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.keyword or self.name

    @property
    def is_array(self) -> bool:
        return self.schema.get("type") == "array"

    def raw(self, request, path: Mapping[str, Any]) -> str | list[str] | None:
        """The value(s) as sent, or None when absent."""
        if self.location == PATH:
            value = path.get(self.name)
            return None if value is None else str(value)
        if self.location == HEADER:
            return request.headers.get(self.name)
        query = request.GET
        if self.name not in query:
            return None
        return query.getlist(self.name) if self.is_array else query.get(self.name)

    def value(self, raw: str | list[str]) -> Any:
        """The domain value of ``raw``; ValueError (the reason) when it breaks the schema."""
        if self.is_array:
            checked = values.array(self.schema, raw if isinstance(raw, list) else [raw])
        else:
            checked = values.scalar(self.schema, raw if isinstance(raw, str) else raw[-1])
        return self.domain(checked)

    def domain(self, checked: Any) -> Any:
        return self.convert(checked) if self.convert else checked

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI 3.0 parameter object."""
        schema = dict(self.schema)
        if self.default is not None and self.location != PATH:
            schema.setdefault("default", self.default)
        parameter: dict[str, Any] = {
            "name": self.name,
            "in": self.location,
            "description": self.description,
            "schema": schema,
        }
        if self.required or self.location == PATH:
            parameter["required"] = True
        if self.is_array and self.location == QUERY:
            parameter["style"], parameter["explode"] = "form", False
        parameter.update(self.extensions)
        return parameter


def unknown(names: Iterable[str]) -> list[dict[str, str]]:
    return [{"name": name, "reason": _("onbekende parameter")} for name in names]


def parse(request, params: Iterable[Param], path: Mapping[str, Any] | None = None) -> dict:
    """The domain values of the declared ``params`` ({key: value}; absent parameters get their
    default, when they have one). Raises InvalidParams naming every parameter that is bad,
    missing or not declared (an unknown query parameter)."""
    params = tuple(params)
    declared = {p.name for p in params if p.location == QUERY}
    problems: dict[int, list[dict[str, str]]] = {}
    if extra := [name for name in request.GET if name not in declared]:
        problems[400] = unknown(extra)
    result: dict[str, Any] = {}
    for param in params:
        raw = param.raw(request, path or {})
        try:
            if raw is None:
                if param.required:
                    raise ValueError(param.missing or _("verplicht"))
                if param.default is not None:
                    result[param.key] = param.domain(param.default)
                continue
            result[param.key] = param.value(raw)
        except ValueError as exc:
            problems.setdefault(param.error_status, []).append(
                {"name": param.name, "reason": str(exc)}
            )
    if problems:  # a path naming nothing first, then bad input, a representation last
        status = min(problems, key=lambda s: PRIORITY.get(s, len(PRIORITY)))
        raise InvalidParams(problems[status], status)
    return result
