"""OGC API Features (Part 1 core, GeoJSON, HTML, OAS 3.0; Part 2 CRS by reference; Part 3
queryables) and OGC API Tiles under ``/api/ogc/v1`` (docs/adr/0009-ogc-api.md)."""
