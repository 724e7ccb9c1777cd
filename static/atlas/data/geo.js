// Data module: plain geometry on GeoJSON, for "which municipality is here?" without asking the
// server again. No DOM, no Leaflet.

function inRing(ring, lon, lat) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(rings, lon, lat) {
  return inRing(rings[0], lon, lat) && !rings.slice(1).some((hole) => inRing(hole, lon, lat));
}

function polygonsOf(geometry) {
  if (geometry?.type === "Polygon") return [geometry.coordinates];
  if (geometry?.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

/** The first feature of ``collection`` whose (Multi)Polygon holds the point, or null. */
export function featureAt(collection, lon, lat) {
  for (const feature of collection?.features ?? []) {
    if (polygonsOf(feature.geometry).some((rings) => inPolygon(rings, lon, lat))) return feature;
  }
  return null;
}
