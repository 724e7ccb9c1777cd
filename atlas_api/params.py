"""Query parameters shared by the arrangement endpoints, the tiles and the network: parsed into
the domain's :class:`ArrangementFilter`, with every bad parameter named."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.core.choices import Domain, LegalForm, LegalFormFamily

CODE_GM = re.compile(r"^GM[0-9]{4}$")
CODE_PV = re.compile(r"^PV[0-9]{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_VALUES = 50
MAX_TEXT = 100


class InvalidParams(Exception):  # noqa: N818 - carries a list of problems, not one error
    """One or more query parameters are invalid; ``params`` lists {name, reason}."""

    def __init__(self, params: list[dict[str, str]]):
        super().__init__("; ".join(f"{p['name']}: {p['reason']}" for p in params))
        self.params = params


@dataclass(frozen=True)
class Param:
    """Documentation of one query parameter (used for the OpenAPI document too)."""

    name: str
    description: str
    type: str = "string"  # string | boolean | date | array
    enum: tuple[str, ...] = ()
    example: str = ""


ARRANGEMENT_PARAMS: tuple[Param, ...] = (
    Param("thema", "Thema('s), komma-gescheiden codes (slug), bijv. `afval,jeugd`.", "array"),
    Param("domein", "Domein(en) van de thema's.", "array", tuple(Domain.values)),
    Param("rechtsvormFamilie", "Rechtsvormfamilie(s).", "array", tuple(LegalFormFamily.values)),
    Param("rechtsvorm", "Specifieke rechtsvorm(en).", "array", tuple(LegalForm.values)),
    Param(
        "verplicht", "Alleen verplichte (`true`) of vrijwillige (`false`) samenwerking.", "boolean"
    ),
    Param("indeling", "Alleen regio's van deze indeling(en) (slug).", "array"),
    Param(
        "zonderIndeling",
        "`true`: alleen samenwerkingsverbanden die geen regio van een indeling zijn.",
        "boolean",
    ),
    Param("alleenSamenwerking", "`true`: laat statistische en rijksindelingen weg.", "boolean"),
    Param("provincie", "Met een lid in deze provincie(s), bijv. `PV27`.", "array"),
    Param(
        "gemeente", "Gedeeld door al deze gemeenten (CBS-codes), bijv. `GM0363,GM0362`.", "array"
    ),
    Param("peildatum", "Toestand op deze datum (JJJJ-MM-DD); standaard vandaag.", "date"),
    Param("zoek", "Zoekterm in naam of korte naam.", "string"),
    Param(
        "bbox",
        "Gebied `minLon,minLat,maxLon,maxLat` in WGS84.",
        "string",
        example="4.7,52.2,5.1,52.5",
    ),
)


def _values(query: QueryDict, name: str) -> list[str]:
    values = [v.strip() for raw in query.getlist(name) for v in raw.split(",") if v.strip()]
    if len(values) > MAX_VALUES:
        raise ValueError(_("hoogstens %(n)d waarden") % {"n": MAX_VALUES})
    return values


def _enum(allowed: tuple[str, ...]) -> Callable[[QueryDict, str], list[str]]:
    def parse(query: QueryDict, name: str) -> list[str]:
        values = _values(query, name)
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise ValueError(
                _("onbekende waarde(n) %(wrong)s; toegestaan: %(allowed)s")
                % {"wrong": ", ".join(wrong), "allowed": ", ".join(allowed)}
            )
        return values

    return parse


def _pattern(pattern: re.Pattern, example: str) -> Callable[[QueryDict, str], list[str]]:
    def parse(query: QueryDict, name: str) -> list[str]:
        values = _values(query, name)
        wrong = [v for v in values if not pattern.match(v)]
        if wrong:
            raise ValueError(
                _("ongeldige waarde(n) %(wrong)s (verwacht bijv. %(example)s)")
                % {"wrong": ", ".join(wrong), "example": example}
            )
        return values

    return parse


def parse_bool(query: QueryDict, name: str) -> bool | None:
    value = query.get(name)
    if value is None or value == "":
        return None
    if value.lower() in ("true", "1", "ja"):
        return True
    if value.lower() in ("false", "0", "nee"):
        return False
    raise ValueError(_("verwacht true of false"))


def parse_date(query: QueryDict, name: str) -> datetime.date | None:
    value = query.get(name)
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("verwacht een datum JJJJ-MM-DD")) from None
    if not datetime.date(1800, 1, 1) <= day <= datetime.date(2200, 1, 1):
        raise ValueError(_("datum buiten het bereik 1800-2200"))
    return day


def parse_text(query: QueryDict, name: str) -> str:
    value = (query.get(name) or "").strip()
    if any(ord(char) < 32 for char in value):
        raise ValueError(_("bevat stuurtekens"))
    if len(value) > MAX_TEXT:
        raise ValueError(_("hoogstens %(n)d tekens") % {"n": MAX_TEXT})
    return value


def parse_bbox(query: QueryDict, name: str) -> tuple[float, float, float, float] | None:
    value = query.get(name)
    if not value:
        return None
    try:
        minx, miny, maxx, maxy = (float(part) for part in value.split(","))
    except ValueError:
        raise ValueError(_("verwacht vier getallen minLon,minLat,maxLon,maxLat")) from None
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise ValueError(_("geen geldig gebied in WGS84 (min < max, lon -180..180, lat -90..90)"))
    return (minx, miny, maxx, maxy)


_PARSERS: dict[str, tuple[str, Callable[[QueryDict, str], Any]]] = {
    "thema": ("themes", _pattern(SLUG, "afval")),
    "domein": ("domains", _enum(tuple(Domain.values))),
    "rechtsvormFamilie": ("legal_form_families", _enum(tuple(LegalFormFamily.values))),
    "rechtsvorm": ("legal_forms", _enum(tuple(LegalForm.values))),
    "verplicht": ("mandatory", parse_bool),
    "indeling": ("divisions", _pattern(SLUG, "veiligheidsregios")),
    "zonderIndeling": ("include_divisions", parse_bool),
    "alleenSamenwerking": ("cooperation_only", parse_bool),
    "provincie": ("provinces", _pattern(CODE_PV, "PV27")),
    "gemeente": ("members", _pattern(CODE_GM, "GM0363")),
    "peildatum": ("day", parse_date),
    "zoek": ("text", parse_text),
    "bbox": ("bbox", parse_bbox),
}


def collect(query: QueryDict, parsers: dict[str, tuple[str, Callable]]) -> dict[str, Any]:
    """Run ``parsers`` ({param: (keyword, parser)}) over ``query``; raise InvalidParams naming
    every parameter that failed."""
    values: dict[str, Any] = {}
    problems: list[dict[str, str]] = []
    for name, (keyword, parser) in parsers.items():
        try:
            value = parser(query, name)
        except ValueError as exc:
            problems.append({"name": name, "reason": str(exc)})
            continue
        if value not in (None, [], ""):
            values[keyword] = value
    if problems:
        raise InvalidParams(problems)
    return values


def arrangement_filter_from(query: QueryDict) -> ArrangementFilter:
    """Parse the shared arrangement filters from a query string."""
    values = collect(query, _PARSERS)
    if "include_divisions" in values:  # zonderIndeling=true means: no division regions
        values["include_divisions"] = not values["include_divisions"]
    for key in ("themes", "domains", "legal_form_families", "legal_forms", "divisions"):
        if key in values:
            values[key] = tuple(values[key])
    for key in ("provinces", "members"):
        if key in values:
            values[key] = tuple(values[key])
    return ArrangementFilter(**values)
