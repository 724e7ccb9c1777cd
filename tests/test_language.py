"""Dutch first, English on request."""

import pytest


@pytest.mark.django_db
def test_pages_open_in_dutch_whatever_the_browser_prefers(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "nl"


@pytest.mark.django_db
def test_the_language_switch_chooses_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/login/"})
    response = client.get("/admin/login/")
    assert response["Content-Language"] == "en"
