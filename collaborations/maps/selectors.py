"""Reads of saved maps."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from collaborations.maps.models import SavedMap


def saved_maps_of(*, owner: Any) -> QuerySet[SavedMap]:
    """The owner's maps, by name."""
    return SavedMap.objects.filter(owner=owner).order_by("name", "pk")


def saved_map_get(*, pk: int) -> SavedMap | None:
    return SavedMap.objects.select_related("owner").filter(pk=pk).first()


def saved_map_shared(*, share_key: str) -> SavedMap | None:
    """The map shared under ``share_key`` (None when there is none, or it is no longer shared)."""
    if not share_key:
        return None
    return SavedMap.objects.filter(share_key=share_key).first()
