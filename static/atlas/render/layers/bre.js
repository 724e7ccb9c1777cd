// Rendering module: BRE clusters (bestuurlijke regionale ecosystemen) of a clustering run,
// one colour per cluster; the outline is dashed where the cluster is less stable.
import { clusterTitle, isUnstable } from "../../data/bre.js";
import { categorical } from "../../data/colours.js";
import L from "../../leaflet.js";
import { h } from "../dom.js";

export function breLayer({ strings }) {
  const colours = new Map();
  const colourFor = (nummer) => {
    if (!colours.has(nummer)) colours.set(nummer, categorical(colours.size));
    return colours.get(nummer);
  };
  const layer = L.geoJSON(null, {
    pane: "bre",
    style: (feature) => ({
      fillColor: colourFor(feature.properties.nummer),
      fillOpacity: 0.45,
      color: "#1a1a1a",
      weight: 1.5,
      dashArray: isUnstable(feature.properties) ? "4 4" : null,
    }),
    onEachFeature(feature, path) {
      // A DOM node, never a string: Leaflet puts a string tooltip in as HTML, and labels are data.
      path.bindTooltip(h("span", {}, clusterTitle(feature.properties, strings)), { sticky: true });
    },
  });
  return {
    layer,
    setData(geojson) {
      colours.clear();
      layer.clearLayers();
      if (geojson) layer.addData(geojson);
    },
  };
}
