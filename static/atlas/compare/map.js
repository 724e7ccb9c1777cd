// Rendering module of the side-by-side page: one map per side (municipalities, the differing
// ones filled by kind, the side's region borders, the borders that do not match), the
// synchronisation of the two maps, and the legend, built from DOM nodes.
import L from "../leaflet.js";
import { h } from "../render/dom.js";
import { createMap } from "../render/map.js";
import { BORDER_STYLES, followView, KIND_COLOURS, PLAIN, REGION_BORDER, SELECTED } from "./data.js";

function fillStyle(row) {
  if (!row) return PLAIN;
  return { fillColor: KIND_COLOURS[row.soort], fillOpacity: 0.8, color: "#ffffff", weight: 1 };
}

/** Draw one side in ``element``: ``municipalities``, ``regions`` (the side's region borders)
 *  and ``borders`` (the non-matching ones) are GeoJSON; ``rows`` maps a municipality code of
 *  this side to its difference. Returns {map, fit(), select(codes)}. */
export function drawSide(element, config, { municipalities, regions, borders, rows }) {
  const map = createMap(element, config);
  const byCode = new Map();
  const fills = L.geoJSON(municipalities, {
    pane: "gemeenten",
    style: (feature) => fillStyle(rows.get(feature.properties.code)),
    onEachFeature(feature, path) {
      byCode.set(feature.properties.code, path);
      const row = rows.get(feature.properties.code);
      const lines = [h("strong", {}, feature.properties.naam)];
      if (row) lines.push(h("br"), config.strings.kinds[row.soort]);
      path.bindTooltip(() => h("span", {}, lines), { sticky: true, className: "tooltip" });
    },
  }).addTo(map);
  L.geoJSON(regions, { pane: "grenzen", interactive: false, style: () => REGION_BORDER }).addTo(
    map,
  );
  L.geoJSON(borders, {
    pane: "netwerk",
    interactive: false,
    style: (feature) => BORDER_STYLES[feature.properties.klasse],
  }).addTo(map);
  let selected = [];
  return {
    map,
    bounds: fills.getBounds(),
    /** Outline the municipalities ``codes`` and return their bounds (or null). */
    select(codes) {
      for (const path of selected) fills.resetStyle(path);
      selected = codes.map((code) => byCode.get(code)).filter(Boolean);
      let bounds = null;
      for (const path of selected) {
        path.setStyle(SELECTED);
        path.bringToFront();
        bounds = bounds ? bounds.extend(path.getBounds()) : L.latLngBounds(path.getBounds());
      }
      return bounds;
    },
  };
}

/** Keep two maps at the same centre and zoom: whichever moves, the other follows. */
export function syncMaps(first, second) {
  const follow = (from, to) => () => {
    const centre = from.getCenter();
    const other = to.getCenter();
    const view = followView(
      { lat: centre.lat, lng: centre.lng, zoom: from.getZoom() },
      { lat: other.lat, lng: other.lng, zoom: to.getZoom() },
    );
    if (view) to.setView([view.lat, view.lng], view.zoom, { animate: false });
  };
  first.on("moveend", follow(first, second));
  second.on("moveend", follow(second, first));
}

/** The legend (data.legendItems) as a list in ``container``. */
export function renderLegend(container, title, items) {
  container.replaceChildren(
    h("h3", {}, title),
    h(
      "ul",
      { class: "compare-legend__list" },
      items.map((item) =>
        h(
          "li",
          {},
          h("span", { class: `swatch swatch--${item.kind} swatch--${item.key}` }),
          ` ${item.label}`,
        ),
      ),
    ),
  );
}
