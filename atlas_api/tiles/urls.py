"""Tile URLs, included under ``api/v1/tegels/``: ``{laag}/{z}/{x}/{y}`` (XYZ scheme)."""

from django.urls import path

from .views import TileView

app_name = "tegels"

urlpatterns = [
    path("<str:laag>/<int:z>/<int:x>/<int:y>", TileView.as_view(), name="tegel"),
]
