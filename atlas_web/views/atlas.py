"""The map page: the form of filters and the configuration of the map scripts. The map itself
draws from the API; without scripts the page still offers the filters and the links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition, require_safe

from atlas_web.views import options
from atlas_web.views.strings import map_strings
from collaborations.arrangements.selectors.lists import arrangement_index_rows
from collaborations.core.selectors import data_version
from collaborations.geography.selectors.validity import today

FIRST_YEAR = 2015  # the oldest data in the atlas (OpenGR 2015)
INDEX_CACHE_SECONDS = 60 * 60
#: The arrangement index's URL names the data version, so a browser may keep it for an hour
#: and then revalidates it by its ETag.
INDEX_CACHE_CONTROL = "public, max-age=3600, must-revalidate"


def basemap() -> dict[str, Any] | None:
    """The first base map of LEAFLET_CONFIG (None when its URL is empty: no base map)."""
    tiles = settings.LEAFLET_CONFIG.get("TILES") or []
    if not tiles or not tiles[0][1]:
        return None
    name, url, extra = tiles[0]
    return {"name": name, "url": url, "options": extra}


def leaflet_config() -> dict[str, Any]:
    """The map settings every map page's script gets: the API, the view, the base map and
    its attribution (from LEAFLET_CONFIG)."""
    leaflet = settings.LEAFLET_CONFIG
    return {
        "api": "/api/v1/",
        "center": list(leaflet.get("DEFAULT_CENTER", (52.2, 5.3))),
        "zoom": leaflet.get("DEFAULT_ZOOM", 7),
        "minZoom": leaflet.get("MIN_ZOOM", 6),
        "maxZoom": leaflet.get("MAX_ZOOM", 18),
        "attribution": leaflet.get("ATTRIBUTION_PREFIX", ""),
        "basemap": basemap(),
    }


def arrangement_index() -> list[list[Any]]:
    """[id, slug, name, short name, theme slugs] of every published arrangement, for the
    search box and the theme colours; cached per data version (two queries when built)."""
    key = f"atlas:arrangement-index:{data_version()}"
    index = cache.get(key)
    if index is None:
        index = arrangement_index_rows()
        cache.set(key, index, INDEX_CACHE_SECONDS)
    return index


def _index_etag(request: HttpRequest) -> str:
    return f'"zoekindex-{data_version()}"'


@require_safe
@condition(etag_func=_index_etag)
def arrangement_index_json(request: HttpRequest) -> HttpResponse:
    """The arrangement index as JSON (/zoekindex), for the map's search box and theme colours:
    loaded by the page after the map is interactive or on the first focus of the search box,
    not carried in its HTML (about 190 KiB on the real data; issue 16). ETag per data version;
    a current If-None-Match gets a 304 before the index is read."""
    response = JsonResponse(arrangement_index(), safe=False)
    response["Cache-Control"] = INDEX_CACHE_CONTROL
    return response


def map_config(request: HttpRequest) -> dict[str, Any]:
    day = today()
    index_url = f"{reverse('atlas:zoekindex')}?versie={data_version()}"
    return {
        **leaflet_config(),
        "savedMapsUrl": reverse("atlas:kaarten"),
        "embedUrl": reverse("atlas:insluiten"),
        "pages": {"gemeente": "/gemeenten/", "samenwerkingsverband": "/samenwerkingsverbanden/"},
        "today": day.isoformat(),
        "years": list(range(FIRST_YEAR, day.year + 1)),
        "themes": options.theme_names(),
        "families": options.family_labels(),
        "familyColours": options.FAMILY_COLOURS,
        "kinds": options.kind_labels(),
        "kindColours": options.KIND_COLOURS,
        "forms": options.form_labels(),
        "divisions": {d["slug"]: d["name"] for d in options.division_options()},
        "provinces": {p["code"]: p["name"] for p in options.province_options()},
        "arrangementIndex": index_url,
        "strings": map_strings(),
    }


def atlas_page(request: HttpRequest) -> HttpResponse:
    return render(request, "atlas/map.html", page_context(request))


@xframe_options_exempt
def embed_page(request: HttpRequest) -> HttpResponse:
    """The embeddable map (/insluiten): the atlas of the same permalink state with only the
    map, its legend and attribution shown. The one page that other sites may frame: its
    CSP ``frame-ancestors`` comes from REGIOATLAS_EMBED_FRAME_ANCESTORS (django-csp's
    per-response replacement, as its ``csp_replace`` decorator does) and it has no
    X-Frame-Options; every other page keeps ``frame-ancestors 'none'`` and DENY."""
    response = render(request, "atlas/embed.html", page_context(request))
    response._csp_replace = {  # read by django-csp's middleware
        "frame-ancestors": list(settings.REGIOATLAS_EMBED_FRAME_ANCESTORS)
    }
    return response


def page_context(request: HttpRequest) -> dict[str, Any]:
    query = request.GET
    return {
        "title": _("Kaart van de regionale samenwerking"),
        "config": map_config(request),
        "themes": options.theme_options(),
        "legal_forms": options.legal_form_options(),
        "divisions": options.division_options(),
        "kinds": options.kind_options(),
        "countries": options.country_options(),
        "provinces": options.province_options(),
        "years": list(range(FIRST_YEAR, today().year + 1)),
        "selected": {
            "thema": set(",".join(query.getlist("thema")).split(",")),
            "rechtsvormFamilie": set(",".join(query.getlist("rechtsvormFamilie")).split(",")),
            "rechtsvorm": set(",".join(query.getlist("rechtsvorm")).split(",")),
            "land": query.get("land", "nl"),
            "verplicht": query.get("verplicht", ""),
            "soort": set(",".join(query.getlist("soort")).split(",")),
            "indeling": query.get("indeling", ""),
            "provincie": query.get("provincie", ""),
            "zoek": query.get("zoek", ""),
            "jaar": (query.get("peildatum") or "")[:4],
        },
    }
