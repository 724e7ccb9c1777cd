"""Vector tiles: geometry simplified ahead of time per zoom band, and tiles built by PostGIS."""
