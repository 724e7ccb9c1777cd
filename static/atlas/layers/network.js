// Rendering module: the co-membership network. A line between two municipalities for the
// arrangements they share; the more they share, the darker and wider the line.
import L from "../leaflet.js";

export function networkLayer({ strings }) {
  const renderer = L.canvas({ pane: "netwerk", padding: 0.2 });
  let range = [1, 1];
  const style = (feature) => {
    const shared = feature.properties.gedeeld;
    const t = range[1] > range[0] ? (shared - range[0]) / (range[1] - range[0]) : 1;
    return { renderer, pane: "netwerk", color: "#0b1f3a", opacity: 0.08 + 0.82 * t, weight: 0.5 + 3.5 * t, interactive: false };
  };
  const layer = L.geoJSON(null, { pane: "netwerk", style, interactive: false });
  return {
    layer,
    setData(geojson) {
      const values = (geojson?.features || []).map((f) => f.properties.gedeeld);
      range = values.length ? [Math.min(...values), Math.max(...values)] : [1, 1];
      // Lightest first so that the strongest ties are drawn on top.
      const features = [...(geojson?.features || [])].sort((a, b) => a.properties.gedeeld - b.properties.gedeeld);
      layer.clearLayers();
      layer.addData({ type: "FeatureCollection", features });
    },
    legend(threshold) {
      const [low, high] = range;
      return `<h3>${strings.shared}</h3><ul class="legend__list">
        <li><span class="swatch swatch--line" style="border-color:rgba(11,31,58,.25);border-top-width:1px"></span>${Math.max(low, threshold)}</li>
        <li><span class="swatch swatch--line" style="border-color:rgba(11,31,58,.9);border-top-width:4px"></span>${high}</li></ul>`;
    },
  };
}
