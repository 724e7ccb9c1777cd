"""Only the embeddable map (/insluiten) may be framed by other sites (issue 16 part 4): its
CSP frame-ancestors follows REGIOATLAS_EMBED_FRAME_ANCESTORS (default: everyone) and it has
no X-Frame-Options; the atlas itself keeps frame-ancestors 'none' and DENY."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


def test_the_embed_may_be_framed_by_anyone_by_default(client):
    response = client.get("/insluiten", {"thema": "jeugd", "lagen": "gebieden"})
    assert response.status_code == 200
    assert directives(response)["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in response
    assert b"page-embed" in response.content


@override_settings(REGIOATLAS_EMBED_FRAME_ANCESTORS=["https://www.example.nl", "https://a.b"])
def test_the_embed_follows_the_allow_list(client):
    response = client.get("/insluiten")
    assert directives(response)["frame-ancestors"] == "https://www.example.nl https://a.b"


def test_the_atlas_itself_refuses_to_be_framed(client):
    response = client.get("/")
    assert directives(response)["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
