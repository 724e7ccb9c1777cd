"""Vector tiles of municipalities, provinces and arrangement footprints (Mapbox Vector Tile)."""
