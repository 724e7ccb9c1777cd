"""Serializer fields for JSON request bodies that take only the JSON type the document gives
them, and text fields that document what they allow.

DRF is lenient where the document is not: it reads ``0`` as the text ``"0"``, ``"1"`` as
true and ``"5"`` as 5. A request that breaks the document is a 400 naming the field, so these
fields check the type first. Text fields carry a pattern (no NUL characters; not blank when
required), which the document shows and DRF checks."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

#: Text without NUL characters (PostgreSQL cannot store them).
NO_NUL = r"^[^\x00]*$"
#: The same, with at least one character that is not white space.
NOT_BLANK = r"^[^\x00]*[^\x00\s][^\x00]*$"
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class _Typed:
    json_types: tuple[type, ...] = ()
    default_error_messages = {"json_type": _("Verwacht %(type)s.")}
    type_name = ""

    def to_internal_value(self, data):
        exact = isinstance(data, self.json_types) and (
            bool in self.json_types or not isinstance(data, bool)
        )
        if not exact:
            self.fail("json_type", type=self.type_name)
        return super().to_internal_value(data)


class Text(_Typed, serializers.CharField):
    json_types, type_name = (str,), _("tekst")


class Choice(_Typed, serializers.ChoiceField):
    json_types, type_name = (str,), _("tekst")


class Integer(_Typed, serializers.IntegerField):
    json_types, type_name = (int,), _("een geheel getal")


class Boolean(_Typed, serializers.BooleanField):
    json_types, type_name = (bool,), _("true of false")


class Date(_Typed, serializers.DateField):
    json_types, type_name = (str,), _("een datum JJJJ-MM-DD")

    def to_internal_value(self, data):
        if isinstance(data, str) and not ISO_DATE.match(data):
            self.fail("json_type", type=self.type_name)
        return super().to_internal_value(data)


class List(_Typed, serializers.ListField):
    json_types, type_name = (list,), _("een lijst")


def text(
    *, required: bool = True, blank: bool = False, pattern: str | None = None, **kwargs
) -> Text:
    """A text field of a JSON body: ``pattern`` (default: no NUL characters, and not blank
    unless ``blank``) is documented and checked."""
    regex = pattern or (NO_NUL if blank else NOT_BLANK)
    return Text(
        required=required,
        allow_blank=blank,
        validators=[RegexValidator(regex, _("Ongeldige tekens of leeg."))],
        **kwargs,
    )
