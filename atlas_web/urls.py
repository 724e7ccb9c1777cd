"""Pages of the atlas (included at the site root)."""

from django.urls import path

from atlas_web.views import atlas, congruence, profiles, statistics

app_name = "atlas"

urlpatterns = [
    path("", atlas.atlas_page, name="kaart"),
    path("gemeenten/<str:code>", profiles.municipality_page, name="gemeente"),
    path(
        "samenwerkingsverbanden/<int:pk>-<slug:slug>",
        profiles.arrangement_page,
        name="samenwerkingsverband",
    ),
    path(
        "samenwerkingsverbanden/<slug:slug>",
        profiles.arrangement_by_slug,
        name="samenwerkingsverband-slug",
    ),
    path("statistieken", statistics.statistics_page, name="statistieken"),
    path("congruentie", congruence.congruence_page, name="congruentie"),
]
