"""Writes of saved maps: create, rename or change, share (an unguessable link), stop sharing,
delete. Checks name and state; who may do it is decided by collaborations.permissions."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from collaborations.maps.choices import MAX_NAME_LENGTH, MAX_STATE_LENGTH
from collaborations.maps.models import SavedMap

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _name(value: str) -> str:
    name = (value or "").strip()
    if not name:
        raise ValidationError({"name": [_("Geef de kaart een naam.")]})
    if len(name) > MAX_NAME_LENGTH or _CONTROL.search(name):
        raise ValidationError(
            {"name": [_("Hoogstens %(n)d tekens, zonder stuurtekens.") % {"n": MAX_NAME_LENGTH}]}
        )
    return name


def state_normalise(value: str) -> str:
    """The atlas state as a clean query string (``lagen=…&thema=…``): a leading ``?`` dropped,
    re-encoded, at most MAX_STATE_LENGTH characters. The atlas itself ignores keys it does not
    know, so the keys are not checked here."""
    text = (value or "").strip().removeprefix("?")
    if _CONTROL.search(text) or "#" in text:
        raise ValidationError({"state": [_("Geen geldige toestand van de atlas.")]})
    try:
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        raise ValidationError({"state": [_("Geen geldige toestand van de atlas.")]}) from None
    normalised = urlencode(pairs)
    if len(normalised) > MAX_STATE_LENGTH:
        raise ValidationError({"state": [_("Hoogstens %(n)d tekens.") % {"n": MAX_STATE_LENGTH}]})
    return normalised


def _save(saved: SavedMap) -> SavedMap:
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        raise ValidationError({"name": [_("U heeft al een kaart met deze naam.")]}) from None
    return saved


def saved_map_create(*, owner: Any, name: str, state: str) -> SavedMap:
    return _save(SavedMap(owner=owner, name=_name(name), state=state_normalise(state)))


def saved_map_update(
    *, saved: SavedMap, name: str | None = None, state: str | None = None
) -> SavedMap:
    if name is not None:
        saved.name = _name(name)
    if state is not None:
        saved.state = state_normalise(state)
    return _save(saved)


def saved_map_share(*, saved: SavedMap) -> SavedMap:
    """Give the map a share link (the same one when it already has it)."""
    if not saved.share_key:
        saved.share_key = secrets.token_urlsafe(32)
        saved.save(update_fields=["share_key", "updated_at"])
    return saved


def saved_map_unshare(*, saved: SavedMap) -> SavedMap:
    """The share link stops working (a new share gives a new link)."""
    saved.share_key = None
    saved.save(update_fields=["share_key", "updated_at"])
    return saved


def saved_map_delete(*, saved: SavedMap) -> None:
    saved.delete()
