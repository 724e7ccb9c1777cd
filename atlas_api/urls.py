"""The API's URLs: /api/v1/... (no trailing slashes, Dutch plural resource names)."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from .views import geography
from .views import here as here_views

app_name = "api"

urlpatterns = [
    path("gemeenten", geography.MunicipalityListView.as_view(), name="gemeenten"),
    path("gemeenten/<str:code>", geography.MunicipalityDetailView.as_view(), name="gemeente"),
    path("provincies", geography.ProvinceListView.as_view(), name="provincies"),
    path("provincies/<str:code>", geography.ProvinceDetailView.as_view(), name="provincie"),
    path("locaties/samenwerkingsverbanden", here_views.ArrangementsHereView.as_view(), name="hier"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs", SpectacularSwaggerView.as_view(url_name="api:openapi"), name="docs"),
    path("redoc", SpectacularRedocView.as_view(url_name="api:openapi"), name="redoc"),
]
