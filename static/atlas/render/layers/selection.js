// Rendering module: the footprint of the selected arrangement, drawn above everything.
import L from "../../leaflet.js";

export function selectionLayer() {
  const layer = L.geoJSON(null, {
    pane: "selectie",
    interactive: false,
    style: { color: "#000000", weight: 3, opacity: 1, fillColor: "#ffb612", fillOpacity: 0.18 },
  });
  return {
    layer,
    show(geojson) {
      layer.clearLayers();
      if (geojson) layer.addData(geojson);
    },
    clear() {
      layer.clearLayers();
    },
    bounds() {
      return layer.getLayers().length ? layer.getBounds() : null;
    },
  };
}
