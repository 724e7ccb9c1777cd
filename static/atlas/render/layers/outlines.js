// Rendering module: the patchwork's outlines (display modes "grenzen" and "overlap"). Each
// arrangement's footprint, drawn by the API slightly inset (so that the borders of neighbours
// that coincide run side by side), as an SVG path outlined in the colour the server's graph
// colouring gave it (neighbours never share one; a colour used again is dashed). Short names
// as permanent labels from zoom 9, else a tooltip on hover; hover highlights.
import L from "../../leaflet.js";
import { h } from "../dom.js";

export const LABEL_ZOOM = 9;
const WEIGHT = 2.5;

const label = (properties) => properties.korteNaam || properties.naam;

export function outlineLayer({ onHover, onSelect } = {}) {
  const shown = { paths: new Map(), highlighted: null, permanent: null };

  /** Highlight one arrangement's outline (null: none). */
  function highlight(id) {
    const previous = shown.paths.get(shown.highlighted);
    if (previous) previous.setStyle({ weight: WEIGHT });
    shown.highlighted = id;
    const path = shown.paths.get(id);
    if (path) {
      path.setStyle({ weight: WEIGHT * 2.4 });
      path.bringToFront();
    }
  }
  const style = (feature) => ({
    pane: "grenzen",
    fill: false,
    color: feature.properties.kleurcode,
    dashArray: feature.properties.streepjes || null,
    weight: WEIGHT,
    opacity: 0.95,
  });
  const layer = L.geoJSON(null, {
    pane: "grenzen",
    style,
    onEachFeature(feature, path) {
      const { id } = feature.properties;
      shown.paths.set(id, path);
      path.on("mouseover", () => {
        highlight(id);
        onHover?.(feature.properties);
      });
      path.on("mouseout", () => {
        highlight(null);
        onHover?.(null);
      });
      path.on("click", (event) => {
        L.DomEvent.stop(event);
        onSelect?.(id);
      });
      // Which arrangement a drawn path is, for tests and for styling from CSS.
      path.on("add", () => {
        const element = path.getElement();
        if (element) element.dataset.samenwerkingsverband = String(id);
      });
    },
  });

  function bindLabels(permanent) {
    shown.permanent = permanent;
    layer.eachLayer((path) => {
      path.unbindTooltip();
      const text = label(path.feature.properties);
      path.bindTooltip(() => h("span", {}, text), {
        permanent,
        sticky: !permanent,
        direction: permanent ? "center" : "top",
        className: permanent ? "outline-label" : "tooltip",
      });
    });
  }

  return {
    layer,
    /** Draw the features of the API's colouring (a GeoJSON FeatureCollection). */
    setData(collection, zoom) {
      shown.paths.clear();
      shown.highlighted = null;
      layer.clearLayers();
      layer.addData({
        ...collection,
        features: collection.features.filter((feature) => feature.geometry),
      });
      bindLabels(zoom >= LABEL_ZOOM);
    },
    /** Labels are permanent from LABEL_ZOOM on. */
    setZoom(zoom) {
      const permanent = zoom >= LABEL_ZOOM;
      if (permanent !== shown.permanent) bindLabels(permanent);
    },
    highlight,
    clear() {
      shown.paths.clear();
      layer.clearLayers();
    },
  };
}
