// Rendering module: municipalities as a choropleth of how many arrangements cover them
// (bestuurlijke drukte) under the current filters, in natural-breaks classes of at least a
// tenth of the municipalities each (data/classes.js), with the selection outlined. Plain (one
// light grey) under the outlines of the display mode "grenzen".
import { classSizes, naturalBreaks } from "../../data/classes.js";
import { colourOf } from "../../data/colours.js";
import { countLegend } from "../../data/legends.js";
import L from "../../leaflet.js";
import { h } from "../dom.js";

const PLAIN = "#f3f3f0";

export function municipalityLayer({ strings }) {
  const shown = {
    collection: null,
    counts: new Map(),
    upper: [0],
    sizes: [0],
    members: new Set(),
    selected: "",
    plain: false,
  };

  const style = (feature) => {
    const code = feature.properties.code;
    const isSelected = code === shown.selected;
    const isMember = shown.members.has(code);
    return {
      pane: "gemeenten",
      fillColor: shown.plain ? PLAIN : colourOf(shown.counts.get(code) ?? 0, shown.upper),
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
      const { code, naam } = feature.properties;
      // A DOM node, never a string: Leaflet puts a string tooltip in as HTML, and names are data.
      path.bindTooltip(() => h("span", {}, `${naam}: ${shown.counts.get(code) ?? 0}`), {
        sticky: true,
        direction: "top",
        className: "tooltip",
      });
    },
  });

  /** Restyle, with the selection and its members on top of their neighbours' outlines. */
  function restyle() {
    layer.setStyle(style);
    layer.eachLayer((path) => {
      const code = path.feature.properties.code;
      if (code === shown.selected || shown.members.has(code)) path.bringToFront();
    });
  }

  function recompute() {
    const values = [...shown.counts.values()];
    shown.upper = naturalBreaks(values);
    shown.sizes = classSizes(values, shown.upper);
    restyle();
  }

  return {
    layer,
    /** The last FeatureCollection (properties code, naam, provincieNaam, aantal...). */
    collection: () => shown.collection,
    counts: () => shown.counts,
    setData(geojson) {
      shown.collection = geojson;
      shown.counts = new Map(
        geojson.features.map((f) => [f.properties.code, f.properties.aantalSamenwerkingsverbanden]),
      );
      layer.clearLayers();
      layer.addData(geojson);
      recompute();
    },
    /** New counts for the same shapes (rows of the JSON list). */
    setCounts(rows) {
      shown.counts = new Map(rows.map((r) => [r.code, r.aantalSamenwerkingsverbanden]));
      recompute();
    },
    /** Plain grey instead of the choropleth (true) or back (false). */
    setPlain(plain) {
      if (plain === shown.plain) return;
      shown.plain = plain;
      restyle();
    },
    isPlain: () => shown.plain,
    highlight(members, selected) {
      shown.members = new Set(members);
      shown.selected = selected;
      restyle();
    },
    boundsOf(codes) {
      const wanted = new Set(codes);
      const bounds = L.latLngBounds([]);
      layer.eachLayer((path) => {
        if (wanted.has(path.feature.properties.code)) bounds.extend(path.getBounds());
      });
      return bounds.isValid() ? bounds : null;
    },
    /** The legend: the classes with the number of municipalities in each; ``telling`` names
     *  what is counted. */
    legend: (telling) =>
      countLegend(shown.upper, strings, {
        sizes: shown.sizes,
        title: telling === "samenwerking" ? strings.countCooperations : strings.count,
      }),
  };
}
