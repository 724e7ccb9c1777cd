"""The BRE layer in a browser: offered as soon as a run exists, with its table, its clusters on the
map (unstable ones dashed), the legend, and the cluster in a municipality's panel. Once with the
bre-analyses endpoints answered by the test (their contract), once from a real clustering run
on the scenario (no mocked endpoint: the atlas reads the API's own field names end to end;
runs: status, standaard; clusters: nummer, label, stabiliteitGemiddeld; municipalities:
cluster, clusterLabel, stabiliteit).

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements); the run is
computed in the test by the clustering service, as the task would."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from collaborations.arrangements.models import Arrangement
from collaborations.clustering.models import ClusteringRun
from collaborations.clustering.services import clustering_run_create, clustering_run_execute
from tests.harness.atlas import open_atlas
from tests.harness.scenario import CELL_00, cell_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The parameters of the computed run.
PARAMETERS = {
    "filters": {"include_divisions": False},
    "weighting": "count",
    "algorithm": "leiden",
    "resolution": 1.0,
    "seed": 1,
    "repetitions": 3,
    "split_contiguous": False,
}


def test_bre_layer_from_a_run(page, live, scenario):
    """The BRE layer as soon as a run exists. The bre-analyses endpoints are answered by the test
    (their contract as atlas_api/views/bre.py sends it: a list of runs with a status and a
    default one, clusters as GeoJSON with nummer, label and stabiliteitGemiddeld, and cluster,
    clusterLabel + stabiliteit per municipality; only finished runs are offered)."""

    def polygon(cols):
        """The cells of ``cols`` (both rows), as in tests/factories.square."""
        rings = []
        for col in cols:
            x0, x1 = 5.0 + 0.05 * col, 5.05 + 0.05 * col
            rings.append([[[x0, 52.0], [x1, 52.0], [x1, 52.1], [x0, 52.1], [x0, 52.0]]])
        return {"type": "MultiPolygon", "coordinates": rings}

    runs = {
        "totaal": 2,
        "bre-analyses": [
            {"id": 8, "status": "bezig", "standaard": False},
            {"id": 7, "status": "klaar", "standaard": True, "aantalClusters": 2},
        ],
    }
    clusters = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 1,
                "geometry": polygon([0, 1]),
                "properties": {
                    "nummer": 1,
                    "label": "West",
                    "stabiliteitGemiddeld": 0.95,
                    "aantalGemeenten": 4,
                },
            },
            {
                "type": "Feature",
                "id": 2,
                "geometry": polygon([2]),
                "properties": {
                    "nummer": 2,
                    "label": "Oost",
                    "stabiliteitGemiddeld": 0.55,
                    "aantalGemeenten": 2,
                },
            },
        ],
    }
    members = {
        "gemeenten": [
            {
                "code": cell_code(col, row),
                "cluster": 1 if col < 2 else 2,
                "clusterLabel": "West" if col < 2 else "Oost",
                "stabiliteit": 0.9,
            }
            for col in range(3)
            for row in range(2)
        ]
    }
    page.route("**/api/v1/bre-analyses?*", lambda r: r.fulfill(json=runs))
    page.route("**/api/v1/bre-analyses/7/clusters*", lambda r: r.fulfill(json=clusters))
    page.route("**/api/v1/bre-analyses/7/gemeenten*", lambda r: r.fulfill(json=members))
    open_atlas(page, live, f"kaart={CELL_00}&lagen=gemeenten,bre&weergave=tabel")
    assert page.locator("#laag-bre").is_enabled()
    assert page.locator("#run").input_value() == "7"
    table = page.locator("[data-table=bre]")
    table.locator("tbody tr").nth(1).wait_for()
    assert "West" in table.inner_text() and "Oost" in table.inner_text()
    page.locator("#weergave-kaart").click()
    assert page.locator(".leaflet-bre-pane path").count() == 2
    assert page.locator(".leaflet-bre-pane path[stroke-dasharray]").count() == 1  # unstable
    assert "BRE" in page.locator(".legend").inner_text()
    page.fill("#zoek", "Vierkant 2-1")
    page.get_by_role("option", name="Vierkant 2-1 gemeente").click()
    page.locator("#panel-gemeente", has_text="Cluster Oost").wait_for()
    page.errors.assert_none()


def test_bre_layer_from_a_computed_run(page, live, scenario):
    # The dataset's one division has a single region, which makes the run's agreement measure
    # (ARI) undefined: NaN, which PostgreSQL's jsonb refuses, so the run would fail. Without the
    # division the run computes; the atlas's part is the same.
    Arrangement.objects.filter(division=scenario.division).update(division=None)
    scenario.division.delete()
    queued = clustering_run_create(parameters=PARAMETERS, enqueue=False)
    run = clustering_run_execute(run_id=queued.pk, make_default=True)
    clustering_run_create(parameters=PARAMETERS, enqueue=False)  # queued: not offered
    cache.clear()
    clusters = {c.number: c.label for c in run.clusters.all()}
    assert clusters and run.status == "succeeded"
    code = cell_code(0, 0)
    label = run.clusters.get(assignments__municipality__code=code).label

    open_atlas(page, live, "lagen=gemeenten,bre&weergave=tabel")
    assert page.locator("#laag-bre").is_enabled()
    assert page.locator("#run option").count() == 1
    assert page.locator("#run").input_value() == str(run.pk)
    assert "★" in page.locator("#run option").inner_text()
    table = page.locator("[data-table=bre]")
    table.locator("tbody tr").nth(len(clusters) - 1).wait_for()
    assert table.locator("tbody tr").count() == len(clusters)
    assert set(table.locator("tbody td:nth-child(2)").all_inner_texts()) == set(clusters.values())
    page.locator("#weergave-kaart").click()
    assert page.locator(".leaflet-bre-pane path").count() == len(clusters)
    assert "Bestuurlijke regionale ecosystemen" in page.locator(".legend").inner_text()
    # the municipality's panel names its cluster
    page.fill("#zoek", "Vierkant 0-0")
    page.get_by_role("option", name="Vierkant 0-0 gemeente").click()
    page.locator("#panel-gemeente", has_text=f"Cluster {label}").wait_for()
    assert ClusteringRun.objects.count() == 2
    page.errors.assert_none()
