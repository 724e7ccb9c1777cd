"""Parameters of the patchwork colouring (``samenwerkingsverbanden/kleuren``)."""

from __future__ import annotations

from .core import Param

MIN_ZOOM, MAX_ZOOM = 5, 14
ZOOM = Param(
    "zoom",
    {"type": "integer", "minimum": MIN_ZOOM, "maximum": MAX_ZOOM},
    "Zoomniveau van de kaart (5-14, standaard 8): de gebieden worden zo ver naar binnen "
    "verschoven (negatieve buffer van 1,5 pixel op dit niveau) dat samenvallende grenzen van "
    "buren naast elkaar te zien zijn, en op dit niveau vereenvoudigd.",
    keyword="zoom",
    default=8,
)
