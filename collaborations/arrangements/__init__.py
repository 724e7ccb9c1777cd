"""Arrangements (samenwerkingsverbanden): members, themes, sources, footprints, the network."""
