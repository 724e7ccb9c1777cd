"""URLs of the write API of registration, spliced into atlas_api/urls.py (namespace ``api``).
Separate paths from the read endpoints of /samenwerkingsverbanden/{id}."""

from django.urls import path

from . import changes, imports, reviews, submissions

urlpatterns = [
    path("registraties", submissions.RegistrationListView.as_view(), name="registraties"),
    path("registraties/<int:id>", submissions.RegistrationDetailView.as_view(), name="registratie"),
    path(
        "samenwerkingsverbanden/<int:id>/wijzigingen",
        changes.ArrangementChangesView.as_view(),
        name="samenwerkingsverband-wijzigingen",
    ),
    path(
        "samenwerkingsverbanden/<int:id>/bevestigingen",
        changes.ArrangementConfirmView.as_view(),
        name="samenwerkingsverband-bevestigingen",
    ),
    path(
        "samenwerkingsverbanden/<int:id>/terugzettingen",
        changes.ArrangementRevertView.as_view(),
        name="samenwerkingsverband-terugzettingen",
    ),
    path("beoordelingen", reviews.ReviewListView.as_view(), name="beoordelingen"),
    path("beoordelingen/<int:id>/goedkeuren", reviews.ApproveView.as_view(), name="goedkeuren"),
    path("beoordelingen/<int:id>/afwijzen", reviews.RejectView.as_view(), name="afwijzen"),
    path(
        "beoordelingen/<int:id>/aanpassing-vragen",
        reviews.RequestChangesView.as_view(),
        name="aanpassing-vragen",
    ),
    path("imports", imports.ImportListView.as_view(), name="imports"),
    path("imports/<int:id>", imports.ImportDetailView.as_view(), name="import"),
    path(
        "imports/<int:id>/doorvoeren", imports.ImportCommitView.as_view(), name="import-doorvoeren"
    ),
]
