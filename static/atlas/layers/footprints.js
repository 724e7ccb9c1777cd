// Rendering module: the overlappendeken. Arrangement footprints from the API's vector tiles,
// drawn translucent on a canvas renderer (Leaflet.VectorGrid), coloured by legal form family
// or by theme. Never loads all footprints as one GeoJSON.
import L, { hasVectorGrid } from "../leaflet.js";
import { categorical } from "../colours.js";

export function footprintLayer({ strings, familyColours, themeOf, themeNames }) {
  if (!hasVectorGrid()) return null;
  let mode = "familie";
  const themeIndex = new Map(Object.keys(themeNames).map((slug, i) => [slug, i]));
  const colour = (props) => {
    if (mode === "thema") {
      const slug = themeOf.get(Number(props.id));
      return slug ? categorical(themeIndex.get(slug) ?? 0) : "#666666";
    }
    return familyColours[props.rechtsvormFamilie] || "#666666";
  };
  const styles = {
    samenwerkingsverbanden: (props) => {
      const c = colour(props);
      return { fill: true, fillColor: c, fillOpacity: 0.045, color: c, weight: 0.6, opacity: 0.3 };
    },
  };
  let url = "";
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
    setUrl(next) {
      if (next === url) return;
      url = next;
      layer.setUrl(next);
    },
    setMode(next) {
      if (next === mode) return;
      mode = next;
      if (layer._map) layer.redraw();
    },
    legend(shownThemes) {
      if (mode === "thema") {
        const items = shownThemes.map((slug) =>
          `<li><span class="swatch" style="background:${categorical(themeIndex.get(slug) ?? 0)}"></span>${themeNames[slug]}</li>`);
        return `<h3>${strings.byTheme}</h3><ul class="legend__list legend__list--columns">${items.join("")}</ul>`;
      }
      const items = Object.entries(familyColours).map(([family, c]) =>
        `<li><span class="swatch" style="background:${c}"></span>${strings.families[family] || family}</li>`);
      return `<h3>${strings.byFamily}</h3><ul class="legend__list">${items.join("")}</ul>`;
    },
  };
}
