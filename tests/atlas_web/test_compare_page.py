"""The side-by-side page /vergelijken in-process: complete without scripts (form and the table
of differences), its defaults, its form errors. Browser tests: tests/browser/test_compare.py.
Dataset: tests/divisions/grid.py."""

from __future__ import annotations

import pytest

from tests.divisions.grid import build_grid

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(db):
    return build_grid()


def test_two_divisions_side_by_side_without_scripts(client, grid):
    response = client.get(
        "/vergelijken",
        {
            "links": "veiligheidsregios",
            "rechts": "ggd-regios",
            "peildatumLinks": "2026-01-01",
            "peildatumRechts": "2026-01-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-table="verschillen"' in html and 'data-table="tegenhangers"' in html
    assert html.count('class="difference difference--verhuisd"') == 2
    assert 'data-code="GM7010"' in html and 'data-code="GM7011"' in html
    assert '<script type="module"' in html and "<script>" not in html
    assert 'id="compare-config"' in html
    assert "/api/v1/congruentie/verschillen?" in html


def test_the_defaults_are_a_division_on_two_days(client, grid):
    form = client.get("/vergelijken").context["form"]
    assert form["links"].value() == "jeugdregios"
    assert form["peildatumLinks"].value() == "2016-01-01"


@pytest.mark.parametrize(
    "query",
    [
        {"links": "veiligheidsregios", "rechts": "bestaat-niet"},
        {"links": "veiligheidsregios", "rechts": "ggd-regios", "peildatumLinks": "2026-02-30"},
        {"links": "ggd-regios", "rechts": "bre:999"},
    ],
)
def test_bad_choices_are_form_errors(client, grid, query):
    response = client.get("/vergelijken", query)
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode() or "field-error" in (
        response.content.decode()
    )
