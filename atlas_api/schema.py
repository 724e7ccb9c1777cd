"""The OpenAPI document made from what the views declare (``DEFAULT_SCHEMA_CLASS``).

Parameters come from the views' declarations (:mod:`atlas_api.params`), the same objects that
parse requests; the media types of success responses are those of the view's renderers (a
table or a GeoPackage is a binary download). ``extend_schema`` on the views adds only what a
declaration cannot know: summaries, descriptions and response bodies."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from .params import Param

BINARY = {"type": "string", "format": "binary"}


def openapi_parameter(param: Param) -> OpenApiParameter:
    document = param.openapi()
    return OpenApiParameter(
        name=param.name,
        type=document["schema"],
        location=param.location,
        required=document.get("required", False),
        description=param.description,
        style=document.get("style"),
        explode=document.get("explode"),
    )


class ApiAutoSchema(AutoSchema):
    def get_override_parameters(self) -> list[Any]:
        declared = getattr(self.view, "declared_parameters", None)
        own = [openapi_parameter(p) for p in declared(self.method)] if declared else []
        return [*super().get_override_parameters(), *own]

    def _get_format_parameters(self) -> list[dict[str, Any]]:
        return []  # ``formaat`` is declared like every other parameter

    def _insert_field_validators(self, field, schema: dict[str, Any]) -> None:
        """drf-spectacular adds "or an empty string" to a text with a pattern that may be blank
        (``oneOf``); our patterns of such fields already allow the empty string."""
        super()._insert_field_validators(field, schema)
        options = schema.get("oneOf", [])
        if len(options) == 2 and options[1] == {"type": "string", "maxLength": 0}:
            pattern = options[0].get("pattern")
            if pattern is not None and re.search(pattern, ""):
                schema.update(schema.pop("oneOf")[0])

    def get_operation(self, *args, **kwargs) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            self._formats_of_renderers(operation)
        return operation

    def _formats_of_renderers(self, operation: dict[str, Any]) -> None:
        """Success responses come in the media types of the view's renderers: one not
        documented yet is a binary download (CSV, XLSX, GeoPackage); one the view cannot
        render is dropped."""
        media_types = list(dict.fromkeys(self.map_renderers("media_type")))
        for code, response in operation["responses"].items():
            content = response.get("content")
            if not code.startswith("2") or not content:
                continue
            response["content"] = {
                media: content.get(media, {"schema": dict(BINARY)}) for media in media_types
            }
