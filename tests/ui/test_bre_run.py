"""The BRE layer from a real clustering run on the atlas dataset (no mocked endpoint): the
atlas reads the API's own field names end to end (runs: status, standaard; clusters: nummer,
label, stabiliteitGemiddeld; municipalities: cluster, clusterLabel, stabiliteit).

Dataset: tests/ui/conftest.py (six squares near Utrecht, seven arrangements); the run is
computed in the test by the clustering service, as the task would."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from collaborations.arrangements.models import Arrangement
from collaborations.clustering.models import ClusteringRun
from collaborations.clustering.services import clustering_run_create, clustering_run_execute

from .conftest import cell_code, open_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAMETERS = {
    "filters": {"include_divisions": False},
    "weighting": "count",
    "algorithm": "leiden",
    "resolution": 1.0,
    "seed": 1,
    "repetitions": 3,
    "split_contiguous": False,
}


def test_bre_layer_from_a_computed_run(page, live, atlas_data):
    # The dataset's one division has a single region, which makes the run's agreement measure
    # (ARI) undefined: NaN, which PostgreSQL's jsonb refuses, so the run would fail. Without the
    # division the run computes; the atlas's part is the same.
    Arrangement.objects.filter(division=atlas_data["division"]).update(division=None)
    atlas_data["division"].delete()
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
