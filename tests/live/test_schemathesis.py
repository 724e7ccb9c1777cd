"""The API against its own OpenAPI document, fuzzed by schemathesis through the live server.

The same run as `make fuzz` (scripts/fuzz.py: every check, every phase — examples, coverage,
fuzzing and stateful — every operation including the writes, as a moderator with an API
token), made small and derandomised for the normal test run: a scenario dataset (the two
communities of the BRE tests, with a finished analysis, a waiting registration and a checked
import) and a few examples per operation. Zero failures means: no server error, every
response matches its documented status, media type, headers and schema, every request the
document allows is accepted and every request it forbids is refused."""

from __future__ import annotations

import importlib.util
import os
import re
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from collaborations.accounts.choices import EditorRole
from collaborations.accounts.services.tokens import api_token_create
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.clustering import services as clustering
from collaborations.registration.services.accounts import user_role_set
from collaborations.tiles.services import tile_geometry_rebuild
from tests.harness.communities import build_two_communities

pytestmark = [pytest.mark.live, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
#: Examples per operation and phase; the budget of the whole run is about a minute.
MAX_EXAMPLES = int(os.environ.get("REGIOATLAS_FUZZ_EXAMPLES", 6))
BUDGET_SECONDS = 240
SMALL_RUN = {
    "filters": {"include_divisions": False},
    "weighting": "count",
    "algorithm": "leiden",
    "resolution": 1.0,
    "seed": 1,
    "repetitions": 3,
    "split_contiguous": False,
}


def scenario() -> dict:
    """The two communities near Utrecht, a finished BRE analysis, a moderator and a municipal
    editor (the answer of scripts/fuzz.py's account setup)."""
    data = build_two_communities()
    arrangement_footprints_recompute()
    tile_geometry_rebuild()
    run = clustering.clustering_run_create(parameters=SMALL_RUN, enqueue=False)
    clustering.clustering_run_execute(run_id=run.pk, make_default=True)
    users = get_user_model().objects
    moderator = users.create_user(username="fuzz-moderator", email="m@example.org")
    user_role_set(user=moderator, role=EditorRole.MODERATOR, organisation_label="Fuzz")
    editor = users.create_user(username="fuzz-editor", email="e@example.org")
    user_role_set(user=editor, role=EditorRole.MUNICIPAL_EDITOR, municipalities=[data.m["a1"]])
    return {
        "moderator": api_token_create(user=moderator).key,
        "editor": api_token_create(user=editor).key,
        "municipalities": [data.m["a1"].code, data.m["a2"].code],
        "arrangement": data.a["solo"].pk,
        "run": run.pk,
        "division": "testindeling",
    }


def load_fuzz_script():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_api_conforms_to_its_document(live):
    fuzz = load_fuzz_script()
    setup = scenario()
    resources = fuzz.seed(live.url, setup)  # a registration to review, an import to commit
    arguments = ["--max-examples", str(MAX_EXAMPLES), "--generation-deterministic"]
    arguments += ["--no-color", "--workers", "1"]
    started = time.monotonic()
    result = fuzz.fuzz(
        live.url,
        setup["moderator"],
        resources,
        arguments,
        capture_output=True,
        text=True,
        timeout=BUDGET_SECONDS,
    )
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    summary = output[output.find("=== SUMMARY") :] if "=== SUMMARY" in output else output
    assert result.returncode == 0, output[-12000:]
    selected = re.search(r"Selected: (\d+)/(\d+)", summary)
    tested = re.search(r"Tested: (\d+)", summary)
    assert selected and tested, summary
    assert selected[1] == selected[2] == tested[1], summary  # every operation, none skipped
    print(f"schemathesis: {seconds:.0f} s\n{summary[-1500:]}")
