"""The arrangement filters, shared by the arrangement endpoints, the municipality and theme
endpoints, the network, "what is here?" and the vector tiles: declared once, parsed into the
domain's :class:`ArrangementFilter`."""

from __future__ import annotations

import operator
from collections.abc import Collection, Mapping
from typing import Any

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.core.choices import Country, DivisionKind, Domain, LegalForm, LegalFormFamily
from collaborations.geography.choices import MUNICIPALITY_CODE

from .core import Param

CODE_GM = MUNICIPALITY_CODE  # CBS code (GM0363) or, in Belgium, BE + NIS code (BE11002)
CODE_PV = r"^PV[0-9]{2}$"
SLUG = r"^[a-z0-9][a-z0-9-]{0,79}$"
THEME = r"^[a-z0-9][a-z0-9-]{0,49}$"
#: No control characters (the search term goes into the database and into logs).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
MAX_VALUES = 50
MAX_TEXT = 100
#: Fewer values where fewer make sense: every filter at its longest still fits in a URL of
#: 8 KB (gunicorn's limit of a request line; longer gets 414 from the server).
MAX_DIVISIONS = 20

BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date", "example": "2024-01-01"}


def listing(
    items: Mapping[str, Any], example: list[Any] | None = None, *, most: int | None = None
) -> dict[str, Any]:
    """A comma-separated list (``style: form, explode: false``) of at least one and at most
    ``most`` values (default: as many as the enum has, else 50). An empty value is an empty
    list, and so an error: leave the parameter out instead."""
    most = most or len(items.get("enum", ())) or MAX_VALUES
    schema: dict[str, Any] = {
        "type": "array",
        "items": dict(items),
        "minItems": 1,
        "maxItems": most,
    }
    if example is not None:
        schema["example"] = example
    return schema


def slugs(example: str, pattern: str = SLUG) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, "example": example}


def choice(values: Collection[str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def _bbox(corners: list[float]) -> tuple[float, float, float, float]:
    """Two corners in any order; latitudes beyond the poles are the poles."""
    (x0, x1), (y0, y1) = sorted(corners[0::2]), sorted(corners[1::2])
    return (x0, _latitude(y0), x1, _latitude(y1))


def _latitude(y: float) -> float:
    return max(-90.0, min(90.0, y))


PEILDATUM = Param(
    "peildatum", DATE, "Toestand op deze datum (JJJJ-MM-DD); standaard vandaag.", keyword="day"
)
LAND = Param(
    "land",
    choice(Country.values),
    "Land: `nl` (Nederland, standaard) of `be` (Vlaanderen en Brussel): gemeenten, indelingen "
    "en hun regio's van dat land; samenwerkingsverbanden buiten een indeling horen bij `nl`.",
    keyword="country",
    default=Country.NL.value,
)

ARRANGEMENT_FILTERS: tuple[Param, ...] = (
    Param(
        "thema",
        listing(slugs("afval", THEME), ["afval", "jeugd"]),
        "Thema('s), komma-gescheiden codes (slug), bijv. `afval,jeugd`.",
        keyword="themes",
        convert=tuple,
    ),
    Param(
        "domein",
        listing(choice(Domain.values)),
        "Domein(en) van de thema's.",
        keyword="domains",
        convert=tuple,
    ),
    Param(
        "rechtsvormFamilie",
        listing(choice(LegalFormFamily.values)),
        "Rechtsvormfamilie(s).",
        keyword="legal_form_families",
        convert=tuple,
    ),
    Param(
        "rechtsvorm",
        listing(choice(LegalForm.values)),
        "Specifieke rechtsvorm(en).",
        keyword="legal_forms",
        convert=tuple,
    ),
    Param(
        "verplicht",
        BOOLEAN,
        "Alleen verplichte (`true`) of vrijwillige (`false`) samenwerking.",
        keyword="mandatory",
    ),
    Param(
        "indeling",
        listing(slugs("veiligheidsregios"), most=MAX_DIVISIONS),
        "Alleen regio's van deze indeling(en) (slug).",
        keyword="divisions",
        convert=tuple,
    ),
    Param(
        "zonderIndeling",
        BOOLEAN,
        "`true`: alleen samenwerkingsverbanden die geen regio van een indeling zijn.",
        keyword="include_divisions",
        convert=operator.not_,
    ),
    Param(
        "alleenSamenwerking",
        BOOLEAN,
        "`true`: laat statistische en rijksindelingen weg (als `soort=samenwerking`).",
        keyword="cooperation_only",
    ),
    Param(
        "soort",
        listing(choice(DivisionKind.values), ["rijksindeling", "statistisch"]),
        "Soort(en): `samenwerking` (samenwerkingsverbanden en de regio's van "
        "samenwerkingsindelingen zoals de veiligheidsregio's), `rijksindeling` (indelingen van "
        "het Rijk, zoals de politie-eenheden) en `statistisch` (zoals COROP).",
        keyword="kinds",
        convert=tuple,
    ),
    Param(
        "provincie",
        listing({"type": "string", "pattern": CODE_PV, "example": "PV27"}, ["PV27"], most=12),
        "Met een lid in deze provincie(s), bijv. `PV27`.",
        keyword="provinces",
        convert=tuple,
    ),
    Param(
        "gemeente",
        listing({"type": "string", "pattern": CODE_GM, "example": "GM0363"}, ["GM0363", "GM0362"]),
        "Gedeeld door al deze gemeenten (CBS-codes; in België BE + NIS-code), bijv. "
        "`GM0363,GM0362`.",
        keyword="members",
        convert=tuple,
    ),
    PEILDATUM,
    LAND,
    Param(
        "zoek",
        {"type": "string", "maxLength": MAX_TEXT, "pattern": PRINTABLE, "example": "jeugd"},
        "Zoekterm in naam of korte naam.",
        keyword="text",
        convert=str.strip,
    ),
    Param(
        "bbox",
        {
            "type": "array",
            "items": {"type": "number", "minimum": -180, "maximum": 180},
            "minItems": 4,
            "maxItems": 4,
            "example": [4.7, 52.2, 5.1, 52.5],
        },
        "Gebied `minLon,minLat,maxLon,maxLat` in WGS84 (twee hoeken; de volgorde doet er "
        "niet toe).",
        convert=_bbox,
    ),
)
FILTER_KEYS = frozenset(p.key for p in ARRANGEMENT_FILTERS)


def arrangement_filter(
    values: Mapping[str, Any], *, leave_out: Collection[str] = ()
) -> ArrangementFilter:
    """The :class:`ArrangementFilter` of parsed parameter values (``leave_out``: keys to
    ignore, e.g. the municipality list's own selection)."""
    return ArrangementFilter(
        **{k: v for k, v in values.items() if k in FILTER_KEYS and k not in leave_out}
    )
