"""Whether the geography is loaded: what /health/ready reports of the data."""

from __future__ import annotations

from typing import Any

from collaborations.core.selectors import data_version
from collaborations.geography.models import Municipality


def data_loaded_status() -> dict[str, Any]:
    """How many municipalities there are (0: the data is not loaded) and the data version."""
    return {"municipalities": Municipality.objects.count(), "version": data_version()}
