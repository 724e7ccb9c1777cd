"""Values of query, path and header parameters, read and checked against the JSON schema that
documents them (the subset the API uses: string, integer, number, boolean and comma-separated
arrays of those; enum, pattern, format date, minimum/maximum, minLength/maxLength,
minItems/maxItems). A value that does not satisfy its schema raises ValueError with the reason
in Dutch."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

INTEGER = re.compile(r"^-?[0-9]{1,19}$")
NUMBER = re.compile(r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: Booleans as the schema says (true/false), and the Dutch and numeric forms the atlas has
#: always accepted.
TRUE, FALSE = ("true", "1", "ja"), ("false", "0", "nee")


def scalar(schema: Mapping[str, Any], text: str) -> Any:
    """``text`` as the value ``schema`` describes."""
    kind = schema.get("type", "string")
    if kind == "integer":
        value: Any = _integer(text)
    elif kind == "number":
        value = _number(text)
    elif kind == "boolean":
        value = _boolean(text)
    else:
        value = _string(schema, text)
    _check_range(schema, value)
    return value


def array(schema: Mapping[str, Any], texts: Sequence[str]) -> list[Any]:
    """Comma-separated values (``a,b``; repeating the parameter adds to the list). An empty
    value is an empty list."""
    parts = [part for text in texts for part in (text.split(",") if text else [])]
    low, high = schema.get("minItems"), schema.get("maxItems")
    if high is not None and len(parts) > high:
        raise ValueError(_("hoogstens %(n)d waarden") % {"n": high})
    if low is not None and len(parts) < low:
        raise ValueError(_too_few(low, high, schema.get("example")))
    items, values, wrong = schema.get("items", {}), [], []
    for part in parts:
        try:
            values.append(scalar(items, part))
        except ValueError:
            wrong.append(part)
    if wrong:
        raise ValueError(_items_reason(items, wrong))
    return values


def _too_few(low: int, high: int | None, example: list | None) -> str:
    if low == high and example:
        return _("verwacht %(n)d waarden, bijv. %(example)s") % {
            "n": low,
            "example": ",".join(str(value) for value in example),
        }
    if low == high:
        return _("verwacht %(n)d waarden") % {"n": low}
    if low == 1:
        return _("verwacht ten minste één waarde (of laat de parameter weg)")
    return _("verwacht ten minste %(n)d waarden") % {"n": low}


def _items_reason(items: Mapping[str, Any], wrong: list[str]) -> str:
    shown = ", ".join(repr(w) if not w.strip() else w for w in wrong[:5])
    if "enum" in items:
        return _("onbekende waarde(n) %(wrong)s; toegestaan: %(allowed)s") % {
            "wrong": shown,
            "allowed": ", ".join(str(v) for v in items["enum"]),
        }
    example = items.get("example")
    if example is not None:
        return _("ongeldige waarde(n) %(wrong)s (verwacht bijv. %(example)s)") % {
            "wrong": shown,
            "example": example,
        }
    return _("ongeldige waarde(n) %(wrong)s") % {"wrong": shown}


def _integer(text: str) -> int:
    if not INTEGER.match(text):
        raise ValueError(_("verwacht een geheel getal"))
    return int(text)


def _number(text: str) -> float:
    if not NUMBER.match(text):
        raise ValueError(_("verwacht een getal"))
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(_("verwacht een getal"))
    return value


def _boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ValueError(_("verwacht true of false"))


def _string(schema: Mapping[str, Any], text: str) -> Any:
    if "enum" in schema and text not in schema["enum"]:
        raise ValueError(
            _("onbekende waarde %(value)s; toegestaan: %(allowed)s")
            % {"value": text[:60] or "''", "allowed": ", ".join(schema["enum"])}
        )
    if len(text) > schema.get("maxLength", math.inf):
        raise ValueError(_("hoogstens %(n)d tekens") % {"n": schema["maxLength"]})
    if len(text) < schema.get("minLength", 0):
        raise ValueError(_("ten minste %(n)d tekens") % {"n": schema["minLength"]})
    if "pattern" in schema and not re.search(schema["pattern"], text):
        example = schema.get("example")
        raise ValueError(
            _("ongeldige waarde (verwacht bijv. %(example)s)") % {"example": example}
            if example is not None
            else _("ongeldige waarde")
        )
    if schema.get("format") == "date":
        return _date(text)
    return text


def _date(text: str) -> datetime.date:
    try:
        if not DATE.match(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("verwacht een datum JJJJ-MM-DD")) from None


def _check_range(schema: Mapping[str, Any], value: Any) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(
            _("verwacht %(low)s t/m %(high)s") % {"low": _shown(low), "high": _shown(high)}
        )


def _shown(bound: float | None) -> str:
    if bound is None:
        return "…"
    return f"{bound:g}" if isinstance(bound, float) else str(bound)
