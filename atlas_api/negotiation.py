"""Content negotiation: ``formaat`` wins over Accept.

GIS clients send an Accept header they cannot change (GDAL, the engine inside QGIS, sends
``Accept: text/plain, application/json``); a client that names a format in the URL gets that
format, whatever it accepts. An unknown ``formaat`` is a 400 naming it; without ``formaat``
the Accept header decides (406 when nothing fits)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.negotiation import DefaultContentNegotiation

from .params import InvalidParams

FORMAT_PARAMETER = "formaat"


class FormatFirstNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get(FORMAT_PARAMETER)
        if wanted is None:
            return super().select_renderer(request, renderers, format_suffix)
        for renderer in renderers:
            if renderer.format == wanted:
                return renderer, renderer.media_type
        formats = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
        reason = _("onbekend formaat %(wanted)s; kies uit %(formats)s") % {
            "wanted": wanted[:40] or "''",
            "formats": formats,
        }
        raise InvalidParams([{"name": FORMAT_PARAMETER, "reason": reason}])
