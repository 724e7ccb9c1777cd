// Rendering module: province boundaries (lines only).
import L from "../../leaflet.js";

export function provinceLayer() {
  const layer = L.geoJSON(null, {
    pane: "provincies",
    interactive: false,
    style: { color: "#1a1a1a", weight: 1.8, opacity: 0.9, fill: false },
  });
  return {
    layer,
    setData(geojson) {
      layer.clearLayers();
      layer.addData(geojson);
    },
  };
}
