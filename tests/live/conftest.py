"""Fixtures of the live tests shared by modules."""

from __future__ import annotations

import pytest

from tests.divisions.grid import build_grid


@pytest.fixture
def grid_site(live):
    """The live server (gunicorn) on the dataset of tests/divisions/grid.py: the congruence
    and differences endpoints (test_congruence_clients.py, test_differences_clients.py)."""
    build_grid()
    return live
