"""The base of every API view: its parameters are declared once and parsed before the
handler runs.

``parameters`` is a sequence of :class:`atlas_api.params.Param` for every method, or a mapping
from method (``"GET"``, ``"POST"``) to such a sequence. A view with more than one format also
takes ``formaat`` on GET. :meth:`ApiView.initial` parses them (after authentication,
permissions and throttling) into ``self.params``; a bad, missing or unknown parameter is a
problem that names it. The OpenAPI document is made from the same declarations
(:class:`atlas_api.schema.ApiAutoSchema`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rest_framework.request import Request
from rest_framework.views import APIView

from ..params import Param, format_parameter, parse

READS = ("GET", "HEAD")


class ApiView(APIView):
    parameters: Sequence[Param] | Mapping[str, Sequence[Param]] = ()
    params: dict[str, Any]

    def declared_parameters(self, method: str) -> tuple[Param, ...]:
        method = "GET" if method.upper() in READS else method.upper()
        declared = self.parameters
        if isinstance(declared, Mapping):
            declared = declared.get(method, ())
        return (*declared, *self.format_parameters(method))

    def format_parameters(self, method: str) -> tuple[Param, ...]:
        """``formaat`` on reads of views that have a choice of formats."""
        if method not in READS:
            return ()
        formats = list(dict.fromkeys(renderer.format for renderer in self.get_renderers()))
        return (format_parameter(formats),) if len(formats) > 1 else ()

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        method = request.method.lower()
        if method != "options" and method in self.http_method_names and hasattr(self, method):
            self.params = parse(request, self.declared_parameters(request.method), kwargs)
