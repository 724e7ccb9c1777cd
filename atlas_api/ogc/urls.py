"""URLs of the OGC API, included under ``api/ogc/v1`` (paths fixed by the standards)."""

from django.urls import path

from . import tiles, views

app_name = "ogc"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("openapi", views.openapi, name="openapi"),
    path("conformance", views.conformance, name="conformance"),
    path("collections", views.collections, name="collections"),
    path("collections/<str:collection_id>", views.collection, name="collection"),
    path("collections/<str:collection_id>/schema", views.schema, name="schema"),
    path("collections/<str:collection_id>/queryables", views.queryables, name="queryables"),
    path("collections/<str:collection_id>/items", views.items, name="items"),
    path("collections/<str:collection_id>/items/<str:feature_id>", views.item, name="item"),
    path("collections/<str:collection_id>/tiles", tiles.tilesets, name="tilesets"),
    path("collections/<str:collection_id>/tiles/<str:tms>", tiles.tileset, name="tileset"),
    path(
        "collections/<str:collection_id>/tiles/<str:tms>/tilejson",
        tiles.tilejson,
        name="tilejson",
    ),
    path(
        "collections/<str:collection_id>/tiles/<str:tms>/<int:z>/<int:row>/<int:col>",
        tiles.tile,
        name="tile",
    ),
    path("tileMatrixSets", tiles.tile_matrix_sets, name="tile-matrix-sets"),
    path("tileMatrixSets/<str:tms>", tiles.tile_matrix_set, name="tile-matrix-set"),
]
