// Rendering module: the co-membership network. A line between two municipalities for the
// arrangements they share; the more they share, the darker and wider the line. Lines are
// grouped in classes of equal weight and each class is drawn as one multi-line on a canvas
// (thousands of pairs at threshold 5 stay fast).
import L from "../../leaflet.js";

const CLASSES = 8;

/** [min, max] of the shared counts, and the lines (as [lat, lon]) of each weight class. */
function classify(features) {
  const values = features.map((f) => f.properties.gedeeld);
  const range = values.length ? [Math.min(...values), Math.max(...values)] : [1, 1];
  const span = Math.max(1, range[1] - range[0]);
  const classes = Array.from({ length: CLASSES }, () => []);
  for (const feature of features) {
    const coordinates = feature.geometry?.coordinates;
    if (!coordinates) continue;
    const t = (feature.properties.gedeeld - range[0]) / span;
    classes[Math.min(CLASSES - 1, Math.floor(t * CLASSES))].push(
      coordinates.map(([x, y]) => [y, x]),
    );
  }
  return { range, classes };
}

export function networkLayer() {
  const renderer = L.canvas({ pane: "netwerk", padding: 0.2 });
  const layer = L.layerGroup([], { pane: "netwerk" });
  return {
    layer,
    /** Draw the pairs of a GeoJSON FeatureCollection; returns [min, max] shared. */
    setData(geojson) {
      layer.clearLayers();
      const { range, classes } = classify(geojson?.features ?? []);
      // Lightest first, so that the strongest ties are drawn on top.
      classes.forEach((lines, i) => {
        if (!lines.length) return;
        const t = CLASSES > 1 ? i / (CLASSES - 1) : 1;
        L.polyline(lines, {
          renderer,
          pane: "netwerk",
          interactive: false,
          color: "#0b1f3a",
          opacity: 0.08 + 0.82 * t,
          weight: 0.5 + 3.5 * t,
        }).addTo(layer);
      });
      return range;
    },
  };
}
