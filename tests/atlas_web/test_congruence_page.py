"""The congruence page in-process: complete without scripts (form, measures, tables, heatmap),
its defaults, its form errors and its number of queries. The browser tests are in
tests/ui/test_congruence_page.py. Dataset: tests/divisions/grid.py."""

from __future__ import annotations

import pytest

from tests.divisions.grid import build_grid

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(db):
    return build_grid()


def test_the_default_page_is_complete_without_scripts(client, grid):
    response = client.get("/congruentie")
    assert response.status_code == 200
    context = response.context
    assert context["form"]["a"].value() == "veiligheidsregios"
    assert context["form"]["b"].value() == "overlap-indeling"
    html = response.content.decode()
    assert 'data-table="maten"' in html and 'data-table="regios"' in html
    assert 'data-table="heatmap"' in html and 'data-table="paren"' in html
    assert html.count('class="heat heat-') == 16  # 4 x 4 divisions in force
    assert '<script type="module"' in html and "<script>" not in html
    assert 'id="congruence-config"' in html


def test_the_heatmap_measure_and_its_symmetry(client, grid):
    rows = client.get(
        "/congruentie", {"a": "ggd-regios", "b": "veiligheidsregios", "maat": "homogeniteit"}
    ).context["heatmap"]
    by_cell = {(c.a, c.b): c.value for row in rows for c in row["cells"] if c}
    # homogeneity of A in B is the completeness of B in A
    ggd_in_vr = by_cell[("ggd-regios", "veiligheidsregios")]
    vr_in_ggd = by_cell[("veiligheidsregios", "ggd-regios")]
    assert ggd_in_vr != vr_in_ggd
    completeness = client.get(
        "/congruentie", {"a": "veiligheidsregios", "b": "ggd-regios", "maat": "volledigheid"}
    ).context["heatmap"]
    swapped = {(c.a, c.b): c.value for row in completeness for c in row["cells"] if c}
    assert swapped[("veiligheidsregios", "ggd-regios")] == pytest.approx(ggd_in_vr)


@pytest.mark.parametrize(
    "query",
    [
        {"a": "bestaat-niet"},
        {"a": "veiligheidsregios", "b": "bre:99"},
        {"peildatum": "2026-02-30"},
        {"maat": "x"},
    ],
)
def test_bad_choices_are_form_errors(client, grid, query):
    response = client.get("/congruentie", query)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "comparison" not in response.context


def test_the_page_reads_a_bounded_number_of_queries(client, grid, django_assert_max_num_queries):
    client.get("/congruentie")  # adjacency and the matrix cached, as after the first visit
    with django_assert_max_num_queries(16):
        client.get("/congruentie")
