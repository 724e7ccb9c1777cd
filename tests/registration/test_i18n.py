"""The registration pages in English: with the language cookie set to English, the login page
and the arrangement form show English text, and none of their Dutch labels."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch_afterwards():
    """LocaleMiddleware leaves the request's language active in the thread; later tests expect
    the default (Dutch)."""
    yield
    translation.deactivate()


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_login_page_in_english(client):
    response = english(client).get(reverse("registration:login"))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    for text in ("Log in", "Forgot your password?", "The atlas itself can be used without"):
        assert text in html, text
    for dutch in ("Inloggen", "Wachtwoord vergeten", "Voor redacteuren", "Gebruikersnaam"):
        assert dutch not in html, dutch


def test_the_registration_form_in_english(client, world):
    user = world.users["gemeente"]
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    response = english(client).get(reverse("registration:create"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Register a new arrangement",
        "Members: municipalities and provinces",
        "Add member",
        "Legal form family",
        "Submit for review",
        "(required)",
    ):
        assert text in html, text
    for dutch in (
        "Nieuw samenwerkingsverband registreren",
        "Lid toevoegen",
        "Rechtsvormfamilie",
        "Korte naam",
        "Indienen ter beoordeling",
        "(verplicht)",
        "Annuleren",
    ):
        assert dutch not in html, dutch
