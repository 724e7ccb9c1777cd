"""Pages of the atlas (included at the site root)."""

from django.urls import path

from atlas_web.views import atlas, compare, congruence, maps, profiles, statistics

app_name = "atlas"

urlpatterns = [
    path("", atlas.atlas_page, name="kaart"),
    path("insluiten", atlas.embed_page, name="insluiten"),
    path("zoekindex", atlas.arrangement_index_json, name="zoekindex"),
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
    path("kaarten", maps.maps_page, name="kaarten"),
    path("kaarten/<int:pk>", maps.map_open, name="kaart-openen"),
    path("kaarten/<int:pk>/naam", maps.map_rename, name="kaart-naam"),
    path("kaarten/<int:pk>/delen", maps.map_share, name="kaart-delen"),
    path("kaarten/<int:pk>/verwijderen", maps.map_delete, name="kaart-verwijderen"),
    path("kaart/<str:key>", maps.shared_map, name="gedeelde-kaart"),
    path("congruentie", congruence.congruence_page, name="congruentie"),
    path("vergelijken", compare.compare_page, name="vergelijken"),
]
