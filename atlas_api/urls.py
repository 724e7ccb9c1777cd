"""The API's URLs: /api/v1/... (no trailing slashes, Dutch plural resource names)."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from .views import arrangements as arrangement_views
from .views import bre as bre_views
from .views import colouring as colouring_views
from .views import congruence as congruence_views
from .views import differences as differences_views
from .views import divisions as division_views
from .views import geography
from .views import here as here_views
from .views import maps as map_views
from .views import network as network_views
from .views import themes as theme_views
from .views.registration.urls import urlpatterns as registration_urls

app_name = "api"

urlpatterns = [
    path("gemeenten", geography.MunicipalityListView.as_view(), name="gemeenten"),
    path("gemeenten/<str:code>", geography.MunicipalityDetailView.as_view(), name="gemeente"),
    path("provincies", geography.ProvinceListView.as_view(), name="provincies"),
    path("provincies/<str:code>", geography.ProvinceDetailView.as_view(), name="provincie"),
    path(
        "samenwerkingsverbanden",
        arrangement_views.ArrangementListView.as_view(),
        name="samenwerkingsverbanden",
    ),
    path(
        "samenwerkingsverbanden/kleuren",
        colouring_views.ColouringView.as_view(),
        name="samenwerkingsverbanden-kleuren",
    ),
    path(
        "samenwerkingsverbanden/<str:id>",
        arrangement_views.ArrangementDetailView.as_view(),
        name="samenwerkingsverband",
    ),
    path("themas", theme_views.ThemeListView.as_view(), name="themas"),
    path("themas/<str:slug>", theme_views.ThemeDetailView.as_view(), name="thema"),
    path("indelingen", division_views.DivisionListView.as_view(), name="indelingen"),
    path("indelingen/<str:slug>", division_views.DivisionDetailView.as_view(), name="indeling"),
    path(
        "indelingen/<str:slug>/regios",
        division_views.DivisionRegionListView.as_view(),
        name="indeling-regios",
    ),
    path("congruentie", congruence_views.CongruenceView.as_view(), name="congruentie"),
    path(
        "congruentie/matrix",
        congruence_views.CongruenceMatrixView.as_view(),
        name="congruentie-matrix",
    ),
    path(
        "congruentie/verschillen",
        differences_views.CongruenceDifferencesView.as_view(),
        name="congruentie-verschillen",
    ),
    path(
        "congruentie/grenzen",
        congruence_views.CongruenceBorderView.as_view(),
        name="congruentie-grenzen",
    ),
    path("netwerk", network_views.NetworkView.as_view(), name="netwerk"),
    path("locaties/samenwerkingsverbanden", here_views.ArrangementsHereView.as_view(), name="hier"),
    *registration_urls,
    path("bre-analyses", bre_views.BreRunListView.as_view(), name="bre-analyses"),
    path(
        "bre-analyses/vergelijking", bre_views.BreRunCompareView.as_view(), name="bre-vergelijking"
    ),
    path("bre-analyses/<int:id>", bre_views.BreRunDetailView.as_view(), name="bre-analyse"),
    path(
        "bre-analyses/<int:id>/annuleren",
        bre_views.BreRunCancelView.as_view(),
        name="bre-analyse-annuleren",
    ),
    path(
        "bre-analyses/<int:id>/clusters",
        bre_views.BreClusterListView.as_view(),
        name="bre-analyse-clusters",
    ),
    path(
        "bre-analyses/<int:id>/gemeenten",
        bre_views.BreMunicipalityListView.as_view(),
        name="bre-analyse-gemeenten",
    ),
    path("kaarten", map_views.MapListView.as_view(), name="kaarten"),
    path("kaarten/<int:id>", map_views.MapDetailView.as_view(), name="kaart"),
    path("kaarten/<int:id>/deellink", map_views.MapShareView.as_view(), name="kaart-deellink"),
    path(
        "gedeelde-kaarten/<str:sleutel>",
        map_views.SharedMapView.as_view(),
        name="gedeelde-kaart",
    ),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    # Swagger UI under the site's CSP: its start script is a file (?script), not inline.
    path(
        "docs",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:openapi", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Redoc writes its styles into style elements and runs its search in a blob: worker: inline
    # styles and blob: workers on this page only (scripts stay 'self').
    path(
        "redoc",
        csp_replace({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:openapi", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
]
