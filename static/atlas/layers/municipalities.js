// Rendering module: municipalities as a choropleth of how many arrangements cover them
// (bestuurlijke drukte) under the current filters.
import L from "../leaflet.js";
import { SEQUENTIAL, breaks, colourOf } from "../colours.js";

export function municipalityLayer(map, { strings, onClick }) {
  let collection = null;
  let counts = new Map();
  let upper = [0];
  let highlighted = new Set();
  let selected = "";

  const style = (feature) => {
    const code = feature.properties.code;
    const isSelected = code === selected;
    const isMember = highlighted.has(code);
    return {
      pane: "gemeenten",
      fillColor: colourOf(counts.get(code) ?? 0, upper),
      fillOpacity: 0.85,
      color: isSelected ? "#000" : isMember ? "#ffb612" : "#ffffff",
      weight: isSelected ? 3 : isMember ? 2.5 : 0.6,
      opacity: 1,
    };
  };
  const layer = L.geoJSON(null, {
    pane: "gemeenten",
    style,
    onEachFeature(feature, path) {
      path.on("click", (event) => onClick(feature, event.latlng));
      path.bindTooltip(() => `${feature.properties.naam}: ${counts.get(feature.properties.code) ?? 0}`,
        { sticky: true, direction: "top", className: "tooltip" });
    },
  });

  function recompute() {
    upper = breaks([...counts.values()]);
    layer.setStyle(style);
  }

  return {
    layer,
    get collection() { return collection; },
    setData(geojson) {
      collection = geojson;
      counts = new Map(geojson.features.map((f) => [f.properties.code, f.properties.aantalSamenwerkingsverbanden]));
      layer.clearLayers();
      layer.addData(geojson);
      recompute();
    },
    setCounts(rows) {
      counts = new Map(rows.map((r) => [r.code, r.aantalSamenwerkingsverbanden]));
      recompute();
    },
    counts: () => counts,
    highlight(codes, code = selected) {
      highlighted = new Set(codes || []);
      selected = code || "";
      layer.setStyle(style);
      layer.eachLayer((path) => {
        const c = path.feature.properties.code;
        if (c === selected || highlighted.has(c)) path.bringToFront();
      });
    },
    boundsOf(codes) {
      const wanted = new Set(codes);
      let bounds = null;
      layer.eachLayer((path) => {
        if (!wanted.has(path.feature.properties.code)) return;
        bounds = bounds ? bounds.extend(path.getBounds()) : L.latLngBounds(path.getBounds().getSouthWest(), path.getBounds().getNorthEast());
      });
      return bounds;
    },
    legend() {
      const rows = upper.map((value, i) => {
        const low = i === 0 ? 0 : upper[i - 1] + 1;
        const colour = SEQUENTIAL[SEQUENTIAL.length - upper.length + i];
        const label = low >= value ? `${value}` : `${low}–${value}`;
        return `<li><span class="swatch" style="background:${colour}"></span>${label}</li>`;
      });
      return `<h3>${strings.count}</h3><ul class="legend__list">${rows.join("")}</ul>`;
    },
  };
}
