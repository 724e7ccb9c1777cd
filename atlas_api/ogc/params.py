"""The parameters of the OGC API, each declared once (atlas_api.params.core): the standard's
own (``f``, ``limit``, ``offset``, ``bbox``, ``bbox-crs``, ``crs``, ``datetime``; their names are
fixed by OGC API Features) and the atlas's filters, reused from the REST API's declarations."""

from __future__ import annotations

import dataclasses
import datetime
import re

from django.utils.translation import gettext as _

from ..params import ARRANGEMENT_FILTERS, LAND, PATH, Param, choice
from .crs import CRS84, URIS, srid_of

FORMATS = ("json", "html")
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_OFFSET = 10**6

F = Param(
    "f",
    choice(FORMATS),
    "Formaat: `json` (GeoJSON bij objecten) of `html`; gaat vóór de Accept-header.",
    keyword="format",
)
LIMIT = Param(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
    f"Aantal objecten per pagina (1-{MAX_LIMIT}).",
    default=DEFAULT_LIMIT,
)
OFFSET = Param(
    "offset",
    {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
    "Aantal objecten dat wordt overgeslagen (de links `next` en `prev` zetten het).",
    default=0,
)


def _bbox(values: list[float]) -> tuple[float, float, float, float]:
    """Four numbers (2D) or six (3D: the heights are ignored); lower corner first."""
    if len(values) == 6:
        values = [values[0], values[1], values[3], values[4]]
    if len(values) != 4:
        raise ValueError(_("geef 4 (of 6) getallen: minx,miny,maxx,maxy"))
    if values[0] > values[2] or values[1] > values[3]:
        raise ValueError(_("de eerste hoek moet linksonder liggen"))
    return (values[0], values[1], values[2], values[3])


BBOX = Param(
    "bbox",
    {
        "type": "array",
        "items": {"type": "number"},
        "minItems": 4,
        "maxItems": 6,
        "example": [4.7, 52.2, 5.1, 52.5],
    },
    "Objecten die dit gebied snijden: `minx,miny,maxx,maxy` in `bbox-crs` (standaard CRS84: "
    "lengte, breedte; EPSG:4258 in breedte, lengte volgens de assen van dat stelsel).",
    convert=_bbox,
)
BBOX_CRS = Param(
    "bbox-crs",
    choice(URIS.values()),
    "Coördinatenstelsel van `bbox`; standaard CRS84.",
    keyword="bbox_srid",
    convert=srid_of,
    default=CRS84,
)
CRS = Param(
    "crs",
    choice(URIS.values()),
    "Coördinatenstelsel van de geometrie in het antwoord; standaard CRS84 (WGS84 lengte, "
    "breedte). RD New (EPSG:28992) en ETRS89 (EPSG:4258, breedte, lengte) op verzoek.",
    keyword="srid",
    convert=srid_of,
    default=CRS84,
)

_INSTANT = re.compile(r"^(\d{4}-\d{2}-\d{2})(T[0-9:.]+(Z|z|[+-]\d{2}:\d{2})?)?$")
_OPEN = ("", "..")


@dataclasses.dataclass(frozen=True)
class Interval:
    """A closed interval of days (Part 1 ``datetime`` with a ``/``); None is an open end."""

    start: datetime.date | None
    end: datetime.date | None

    def last_day(self, today: datetime.date) -> datetime.date:
        """The last day of the interval that is not in the future (its end, or today)."""
        return min(self.end, today) if self.end else today


def _instant(text: str) -> datetime.date:
    """A date or an RFC 3339 date-time: its day."""
    match = _INSTANT.match(text.strip())
    if not match:
        raise ValueError(
            _("geef een datum (JJJJ-MM-DD), datum-tijd of interval (begin/eind, open met ..)")
        )
    try:
        return datetime.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise ValueError(_("geen bestaande datum")) from exc


def _datetime(text: str) -> datetime.date | Interval:
    """An instant is the peildatum; ``start/end`` (either end open: ``..`` or empty) an
    interval of days."""
    if "/" not in text:
        return _instant(text)
    first, _sep, second = text.partition("/")
    start = None if first.strip() in _OPEN else _instant(first)
    end = None if second.strip() in _OPEN else _instant(second)
    if start and end and start > end:
        raise ValueError(_("het begin van het interval ligt na het eind"))
    return Interval(start, end)


DATETIME = Param(
    "datetime",
    {"type": "string", "example": "2016-01-01/2025-01-01"},
    "Peildatum of periode (RFC 3339; OGC API Features). Een datum of datum-tijd: de "
    "gemeenten, regio's en gebieden zoals ze op die dag waren (standaard vandaag). Een "
    "interval `begin/eind` (open: `../eind`, `begin/..`): bij `gemeenten` elke grensversie "
    "die in de periode gold (id `code-grensJaar`, `geldigVanaf`/`geldigTot` van die versie); "
    "bij de samenwerkingsverbanden en regio's de toestand op de laatste dag van de periode "
    "(een open eind: vandaag).",
    keyword="day",
    convert=_datetime,
)

_BY_NAME = {param.name: param for param in ARRANGEMENT_FILTERS}
#: The atlas's own filters of the arrangement collections, as in /api/v1.
ARRANGEMENT_QUERY = tuple(
    _BY_NAME[name]
    for name in (
        "thema",
        "domein",
        "rechtsvormFamilie",
        "rechtsvorm",
        "verplicht",
        "soort",
        "indeling",
        "provincie",
        "gemeente",
        "zoek",
    )
)
REGION_QUERY = tuple(_BY_NAME[name] for name in ("provincie", "gemeente", "zoek"))
MUNICIPALITY_QUERY = (_BY_NAME["provincie"], LAND)
#: Parameters of every items request.
ITEMS = (F, LIMIT, OFFSET, BBOX, BBOX_CRS, CRS, DATETIME)
ITEM = (F, CRS, DATETIME)


def path_text(name: str, description: str, pattern: str = r"^[A-Za-z0-9_-]{1,100}$") -> Param:
    """A path parameter (a name that names nothing is a 404)."""
    schema = {"type": "string", "pattern": pattern}
    return Param(name, schema, description, location=PATH, error_status=404)


COLLECTION_ID = path_text("collectionId", "Id van de collectie, bijv. `gemeenten`.")
FEATURE_ID = path_text("featureId", "Id van het object: code, slug of nummer.")
