// Rendering module: the overlappendeken. Arrangement footprints from the API's vector tiles,
// drawn translucent on a canvas renderer (Leaflet.VectorGrid), coloured by legal form family
// or by theme. Never loads all footprints as one GeoJSON. The fill is the fainter the more
// footprints are drawn (fillOpacity about 1/n), so that stacked layers do not go muddy.
import { footprintColour } from "../../data/legends.js";
import L, { hasVectorGrid } from "../../leaflet.js";

/** Fill opacity of one footprint when ``count`` are drawn: about 1/n, between 1.5% and 30%. */
export const fillOpacityFor = (count) => Math.min(0.3, Math.max(0.015, 1.2 / Math.max(1, count)));

/** The layer, or null when VectorGrid is missing (the atlas then goes on without it). */
export function footprintLayer(colours) {
  if (!hasVectorGrid()) return null;
  const shown = { mode: "familie", url: "", fillOpacity: 0.045 };
  const styles = {
    samenwerkingsverbanden: (properties) => {
      const c = footprintColour(properties, shown.mode, colours);
      const fillOpacity = shown.fillOpacity;
      return { fill: true, fillColor: c, fillOpacity, color: c, weight: 0.6, opacity: 0.3 };
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
    /** Tune the fill to ``count`` footprints drawn. */
    setCount(count) {
      const opacity = fillOpacityFor(count);
      if (opacity === shown.fillOpacity) return;
      shown.fillOpacity = opacity;
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
