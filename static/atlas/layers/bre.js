// Rendering module: BRE clusters (bestuurlijke regionale ecosystemen) of a clustering run,
// one colour per cluster; the outline is dashed where the cluster is less stable.
import L from "../leaflet.js";
import { categorical } from "../colours.js";

export function clusterKey(props) {
  return props.cluster ?? props.clusterNummer ?? props.nummer ?? props.clusterId ?? props.label ?? props.id;
}

export function stabilityOf(props) {
  const value = props.stabiliteitGemiddeld ?? props.stabiliteit ?? props.stability;
  return typeof value === "number" ? value : null;
}

export function breLayer({ strings, onClick }) {
  const colours = new Map();
  const colourFor = (key) => {
    if (!colours.has(key)) colours.set(key, categorical(colours.size));
    return colours.get(key);
  };
  const layer = L.geoJSON(null, {
    pane: "bre",
    style: (feature) => {
      const stability = stabilityOf(feature.properties);
      return {
        fillColor: colourFor(clusterKey(feature.properties)), fillOpacity: 0.45,
        color: "#1a1a1a", weight: 1.5, dashArray: stability !== null && stability < 0.7 ? "4 4" : null,
      };
    },
    onEachFeature(feature, path) {
      const p = feature.properties;
      const stability = stabilityOf(p);
      path.bindTooltip(`${p.label || p.naam || p.name || strings.cluster + " " + clusterKey(p)}` +
        (stability !== null ? ` · ${strings.stability}: ${stability.toFixed(2)}` : ""), { sticky: true });
      path.on("click", (event) => onClick?.(feature, event.latlng));
    },
  });
  return {
    layer,
    setData(geojson) { colours.clear(); layer.clearLayers(); if (geojson) layer.addData(geojson); },
    colourFor,
    legend() {
      return `<h3>${strings.bre}</h3><ul class="legend__list">
        <li><span class="swatch" style="background:${categorical(0)}"></span>${strings.cluster}</li>
        <li><span class="swatch swatch--dashed"></span>${strings.stability} &lt; 0,7</li></ul>`;
    },
  };
}
