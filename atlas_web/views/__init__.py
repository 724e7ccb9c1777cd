"""Server-rendered pages of the atlas: the map, profiles of municipalities and arrangements,
and the statistics. Views are thin: they call selectors and hand plain data to templates."""
