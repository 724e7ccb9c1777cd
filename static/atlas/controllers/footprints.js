// Controller of the overlappendeken and its display modes (`modus`):
// - "grenzen": every footprint outlined in the colour of the server's graph colouring
//   (neighbours never share one), drawn inset, on plain municipalities;
// - "overlap": the same outlines over the count choropleth of the municipalities;
// - "vlak": the footprints' vector tiles filled by legal-form family or theme, fainter the
//   more there are.
// Too many footprints for outlines (the API then sends no geometry) fall back to "vlak".
// Hovering an outline, or hovering or focusing its legend item, highlights it and says its name.
import { propertiesOf, rowsOf } from "../data/api.js";
import { createLatest } from "../data/latest.js";
import { footprintLegend, outlineLegend } from "../data/legends.js";
import { isOn, showLayer } from "./layers.js";

const KEY = "gebieden";
const MIN_ZOOM = 5;
const MAX_ZOOM = 14;

/** The themes in the legend: the chosen ones, else all of them. */
export const legendThemes = (state, themeNames) =>
  state.filters.thema.length ? state.filters.thema : Object.keys(themeNames);

/** The zoom level the API insets the outlines for: the map's, whole and within 5-14. */
export const zoomBand = (zoom) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.floor(zoom)));

/** Are outlines wanted (the layer on, in "grenzen" or "overlap")? */
export const wantsOutlines = (state) => isOn(state, KEY) && state.modus !== "vlak";

export function createFootprints(deps) {
  const { store, api, map, layer, outlines, legend, strings, config } = deps;
  const latest = createLatest();
  const shown = { rows: [], band: null, fallback: false, key: "" };
  const colours = {
    familyColours: config.familyColours,
    families: config.families,
    themeNames: config.themes,
    kindColours: config.kindColours,
    kinds: config.kinds,
  };
  const nameOf = (id) => shown.rows.find((row) => row.id === id);

  function highlight(id) {
    outlines?.highlight(id);
    const row = id === null ? null : nameOf(id);
    if (row) deps.announce?.(row.naam);
  }
  legend.handle(KEY, { onHighlight: highlight, onSelect: (id) => deps.selectArrangement?.(id) });

  function showLegend(state) {
    const lines = wantsOutlines(state) && !shown.fallback;
    if (!isOn(state, KEY) || !(lines ? outlines : layer)) legend.clear(KEY);
    else if (lines) {
      legend.set(KEY, outlineLegend(shown.rows, strings));
    } else {
      const themes = legendThemes(state, config.themes);
      legend.set(KEY, footprintLegend(state.stijl, themes, colours, strings));
    }
  }

  function showLayers(state) {
    const lines = wantsOutlines(state) && !shown.fallback;
    showLayer(map, layer?.layer, isOn(state, KEY) && !lines);
    showLayer(map, outlines?.layer, isOn(state, KEY) && lines);
    showLegend(state);
  }

  async function loadOutlines(state) {
    if (!outlines || !wantsOutlines(state)) return;
    const band = zoomBand(map.getZoom());
    const key = `${JSON.stringify(state.filters)}|${band}`;
    if (key === shown.key) return;
    const isLatest = latest.begin();
    try {
      const data = await api.colouring(state.filters, band);
      if (!isLatest()) return;
      shown.key = key;
      shown.rows = propertiesOf(data);
      shown.fallback = shown.rows.length > 0 && data.features.every((f) => !f.geometry);
      if (shown.fallback) deps.toolbar?.notice(strings.tooManyOutlines);
      outlines.setData(data, map.getZoom());
      layer?.setCount(shown.rows.length);
      showLayers(store.get());
    } catch {
      if (isLatest()) deps.toolbar?.notice(strings.loadError);
    }
  }

  async function countFills(state) {
    if (!layer || !isOn(state, KEY) || wantsOutlines(state)) return;
    try {
      const data = await api.arrangements(state.filters, { pageSize: 1 });
      layer.setCount(data?.totaal ?? rowsOf(data, "samenwerkingsverbanden").length);
    } catch {
      // the fill keeps its opacity
    }
  }

  /** The fills are tuned to their number before they are drawn (a redraw later would drop
   *  the tiles being loaded). */
  async function update(state) {
    if (layer) {
      layer.setUrl(api.tileUrl("samenwerkingsverbanden", state.filters));
      layer.setMode(state.stijl);
    }
    await countFills(state);
    showLayers(store.get());
    await loadOutlines(state);
  }

  map.on("zoomend", () => {
    outlines?.setZoom(map.getZoom());
    loadOutlines(store.get());
  });
  store.subscribe((state, changed) => {
    if (["filters", "stijl", "modus", "lagen"].some((key) => changed.has(key))) update(state);
  });

  return {
    start: (state) => update(state),
    /** Resolves when the visible tiles have been drawn. */
    ready: () => (layer ? layer.ready() : Promise.resolve()),
  };
}
