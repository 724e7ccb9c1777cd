// Rendering module: the overlappendeken. Arrangement footprints from the API's vector tiles,
// drawn translucent on a canvas renderer (Leaflet.VectorGrid), coloured by legal form family
// or by theme. Never loads all footprints as one GeoJSON.
import { footprintColour } from "../../data/legends.js";
import L, { hasVectorGrid } from "../../leaflet.js";

/** The layer, or null when VectorGrid is missing (the atlas then goes on without it). */
export function footprintLayer(colours) {
  if (!hasVectorGrid()) return null;
  const shown = { mode: "familie", url: "" };
  const styles = {
    samenwerkingsverbanden: (properties) => {
      const c = footprintColour(properties, shown.mode, colours);
      return { fill: true, fillColor: c, fillOpacity: 0.045, color: c, weight: 0.6, opacity: 0.3 };
    },
  };
  const layer = L.vectorGrid.protobuf("", {
    pane: "gebieden",
    rendererFactory: L.canvas.tile,
    interactive: false,
    vectorTileLayerStyles: styles,
    maxNativeZoom: 14,
    fetchOptions: { credentials: "omit" },
  });
  return {
    layer,
    setUrl(url) {
      if (url === shown.url) return;
      shown.url = url;
      layer.setUrl(url);
    },
    setMode(mode) {
      if (mode === shown.mode) return;
      shown.mode = mode;
      if (layer._map) layer.redraw();
    },
    /** Resolves when the visible tiles have loaded (at most ``timeout`` ms). */
    ready(timeout = 15000) {
      if (!layer._map || !layer._loading) return Promise.resolve();
      return new Promise((resolve) => {
        layer.once("load", resolve);
        window.setTimeout(resolve, timeout);
      });
    },
  };
}
