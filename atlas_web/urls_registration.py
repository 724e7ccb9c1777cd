"""URLs of registration: accounts (/account/...) and registration (/registratie/...)."""

from django.urls import path

from atlas_web.views.registration import (
    accounts,
    arrangements,
    history,
    imports,
    lockout,
    lookups,
    review,
)

app_name = "registration"

account = [
    path("account/inloggen", accounts.LoginView.as_view(), name="login"),
    path("account/uitloggen", accounts.LogoutView.as_view(), name="logout"),
    path(
        "account/wachtwoord-vergeten", accounts.PasswordResetView.as_view(), name="password_reset"
    ),
    path(
        "account/wachtwoord-vergeten/verzonden",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/wachtwoord-herstellen/<uidb64>/<token>",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/wachtwoord-herstellen/klaar",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "account/wachtwoord-wijzigen",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/wachtwoord-wijzigen/klaar",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/api-token", accounts.api_token, name="api-token"),
]

registration = [
    path("registratie", review.dashboard, name="dashboard"),
    path("registratie/nieuw", arrangements.arrangement_create, name="create"),
    path(
        "registratie/samenwerkingsverbanden/<int:pk>/wijzigen",
        arrangements.arrangement_edit,
        name="edit",
    ),
    path(
        "registratie/samenwerkingsverbanden/<int:pk>/geschiedenis",
        history.history_page,
        name="history",
    ),
    path("registratie/samenwerkingsverbanden/<int:pk>/bevestigen", history.confirm, name="confirm"),
    path(
        "registratie/samenwerkingsverbanden/<int:pk>/terugzetten/<int:version>",
        history.revert,
        name="revert",
    ),
    path("registratie/inzendingen/<int:pk>", review.submission_detail, name="submission"),
    path(
        "registratie/inzendingen/<int:pk>/aanpassen",
        arrangements.submission_revise_page,
        name="submission-revise",
    ),
    path(
        "registratie/inzendingen/<int:pk>/intrekken",
        review.submission_withdraw_view,
        name="submission-withdraw",
    ),
    path("registratie/beoordelen", review.queue, name="queue"),
    path("registratie/vergrendelingen", lockout.lockouts_page, name="lockouts"),
    path("registratie/beoordelen/<int:pk>", review.review, name="review"),
    path("registratie/import", imports.upload, name="import"),
    path("registratie/import/sjabloon.<str:fmt>", imports.template, name="import-template"),
    path(
        "registratie/import/voorbeeld-indeling.csv",
        imports.division_example,
        name="import-division-example",
    ),
    path("registratie/import/<int:pk>", imports.job_page, name="import-job"),
    path("registratie/import/<int:pk>/status", imports.job_status, name="import-status"),
    path("registratie/import/<int:pk>/doorvoeren", imports.job_commit, name="import-commit"),
    path("registratie/import/<int:pk>/fouten.csv", imports.error_report, name="import-errors"),
    path("registratie/zoek/leden", lookups.member_search_view, name="member-search"),
    path(
        "registratie/zoek/organisaties",
        lookups.organisation_search_view,
        name="organisation-search",
    ),
    path("registratie/voorbeeld-gebied", lookups.footprint_preview_view, name="footprint-preview"),
]

urlpatterns = account + registration
