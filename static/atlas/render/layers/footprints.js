// Rendering module: the overlappendeken. Arrangement footprints from the API's vector tiles,
// drawn translucent on a canvas renderer (Leaflet.VectorGrid), coloured by legal form family
// or by theme. Never loads all footprints as one GeoJSON. The fill is the fainter the more
// footprints are drawn (fillOpacity about 1/n), so that stacked layers do not go muddy.
import { footprintColour } from "../../data/legends.js";
import L, { loadVectorGrid } from "../../leaflet.js";

/** Fill opacity of one footprint when ``count`` are drawn: about 1/n, between 1.5% and 30%. */
export const fillOpacityFor = (count) => Math.min(0.3, Math.max(0.015, 1.2 / Math.max(1, count)));

/** The layer: a group that loads Leaflet.VectorGrid and makes its tile layer the first time it
 *  is put on the map (the default view never does). Without VectorGrid it stays empty and the
 *  atlas goes on without it. */
export function footprintLayer(colours) {
  const shown = { mode: "familie", url: "", fillOpacity: 0.045, grid: null, making: null };
  const styles = {
    samenwerkingsverbanden: (properties) => {
      const c = footprintColour(properties, shown.mode, colours);
      const fillOpacity = shown.fillOpacity;
      return { fill: true, fillColor: c, fillOpacity, color: c, weight: 0.6, opacity: 0.3 };
    },
  };
  const group = L.layerGroup();

  function makeGrid(loaded) {
    if (!loaded) return null;
    shown.grid = L.vectorGrid.protobuf(shown.url, {
      pane: "gebieden",
      rendererFactory: L.canvas.tile,
      interactive: false,
      vectorTileLayerStyles: styles,
      maxNativeZoom: 14,
      fetchOptions: { credentials: "omit" },
    });
    group.addLayer(shown.grid);
    return shown.grid;
  }
  const grid = () => {
    shown.making ??= loadVectorGrid().then(makeGrid);
    return shown.making;
  };
  group.on("add", grid);
  const redraw = () => {
    if (shown.grid?._map) shown.grid.redraw();
  };

  return {
    layer: group,
    setUrl(url) {
      if (url === shown.url) return;
      shown.url = url;
      shown.grid?.setUrl(url);
    },
    /** Colour again by theme, when the themes of the arrangements have come. */
    restyle() {
      if (shown.mode === "thema") redraw();
    },
    setMode(mode) {
      if (mode === shown.mode) return;
      shown.mode = mode;
      redraw();
    },
    /** Tune the fill to ``count`` footprints drawn. */
    setCount(count) {
      const opacity = fillOpacityFor(count);
      if (opacity === shown.fillOpacity) return;
      shown.fillOpacity = opacity;
      redraw();
    },
    /** Resolves when the visible tiles have loaded (at most ``timeout`` ms). */
    async ready(timeout = 15000) {
      if (!group._map) return;
      const layer = await grid();
      if (!layer?._map || !layer._loading) return;
      await new Promise((resolve) => {
        layer.once("load", resolve);
        window.setTimeout(resolve, timeout);
      });
    },
  };
}
