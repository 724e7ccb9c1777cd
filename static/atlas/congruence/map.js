// Rendering module of the congruence page: the map (municipalities filled by the fit of their
// region of A, the borders of A and B drawn by class) and its legend, built from DOM nodes.
import L from "../leaflet.js";
import { h } from "../render/dom.js";
import { createMap } from "../render/map.js";
import { BORDER_STYLES, FIT_COLOURS, NOT_COMPARED } from "./data.js";

function tooltipLines(properties, fit, strings) {
  const lines = [h("strong", {}, properties.naam)];
  if (fit) {
    lines.push(h("br"), `${strings.regionA}: ${fit.regionA}`);
    lines.push(h("br"), `${strings.regionB}: ${fit.regionB}`);
  } else {
    lines.push(h("br"), strings.notCompared);
  }
  return lines;
}

/** Draw the map in ``element``: ``municipalities`` and ``borders`` are GeoJSON
 *  FeatureCollections, ``fits`` the Map of data.fitsByMunicipality. */
export function drawCongruenceMap(element, config, { municipalities, borders, fits, strings }) {
  const map = createMap(element, config);
  map.createPane("grenzen").style.zIndex = "425";
  map.getPane("grenzen").style.pointerEvents = "none";
  const fills = L.geoJSON(municipalities, {
    pane: "gemeenten",
    style: (feature) => ({
      fillColor: FIT_COLOURS[fits.get(feature.properties.code)?.fit ?? NOT_COMPARED],
      fillOpacity: 0.75,
      color: "#ffffff",
      weight: 0.5,
    }),
    onEachFeature(feature, path) {
      const fit = fits.get(feature.properties.code);
      path.bindTooltip(() => h("span", {}, tooltipLines(feature.properties, fit, strings)), {
        sticky: true,
        className: "tooltip",
      });
    },
  }).addTo(map);
  L.geoJSON(borders, {
    pane: "grenzen",
    interactive: false,
    style: (feature) => ({ ...BORDER_STYLES[feature.properties.klasse], opacity: 1 }),
  }).addTo(map);
  const bounds = fills.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
  return map;
}

/** The legend (data.legendSections) as lists in ``container``. */
export function renderLegend(container, sections) {
  container.replaceChildren(
    ...sections
      .filter((section) => section.items.length)
      .map((section) =>
        h(
          "div",
          { class: "congruence-legend__section" },
          h("h3", {}, section.title),
          h(
            "ul",
            { class: "congruence-legend__list" },
            section.items.map((item) =>
              h(
                "li",
                {},
                h("span", { class: `swatch swatch--${item.kind} swatch--${item.key}` }),
                ` ${item.label}`,
              ),
            ),
          ),
        ),
      ),
  );
}
