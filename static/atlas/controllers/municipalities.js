// Controller of the municipalities: loads their shapes (again only when the country, the date
// or the province changes; otherwise only their counts), draws the choropleth and its legend,
// fills the municipality table, and says which municipality lies at a point. The counts are of
// cooperations unless the state's ``telling`` is "alles" (filters.countingParams).
import { rowsOf } from "../data/api.js";
import { featureAt } from "../data/geo.js";
import { createLatest } from "../data/latest.js";
import { anyChanged, isOn, showLayer } from "./layers.js";

const KEY = "gemeenten";

/** The shapes change with the country, the date and the province; the other filters change
 *  only counts. */
export const shapesKey = (filters) =>
  `${filters.land || "nl"}|${filters.peildatum}|${filters.provincie}`;

/** The code of the selected municipality ("gm:GM0344" -> "GM0344"), or "". */
export const selectedMunicipality = (state) =>
  state.selectie.startsWith("gm:") ? state.selectie.slice(3) : "";

export function createMunicipalities({ store, api, map, layer, legend, tables, notify }) {
  const latest = createLatest();
  const cache = { shapes: null };

  /** Under the outlines of the mode "grenzen" the municipalities are plain (no counts). */
  const plain = (state) => isOn(state, "gebieden") && state.modus === "grenzen";

  function showLegend(state) {
    layer.setPlain(plain(state));
    if (isOn(state, KEY) && !plain(state)) legend.set(KEY, layer.legend(state.telling));
    else legend.clear(KEY);
  }

  function renderTable(state) {
    tables.municipalities(layer.collection(), layer.counts(), selectedMunicipality(state));
  }

  async function load(state) {
    const isLatest = latest.begin();
    const shapes = shapesKey(state.filters);
    const telling = state.telling;
    try {
      if (shapes !== cache.shapes) {
        const data = await api.municipalities(state.filters, { telling });
        if (!isLatest()) return;
        layer.setData(data);
        cache.shapes = shapes;
      } else {
        const data = await api.municipalities(state.filters, { geometry: false, telling });
        if (!isLatest()) return;
        layer.setCounts(rowsOf(data, "gemeenten"));
      }
      // the view may have changed while the data loaded: draw the table for the current state
      const now = store.get();
      showLegend(now);
      if (now.weergave === "tabel") renderTable(now);
    } catch {
      notify();
    }
  }

  store.subscribe((state, changed) => {
    if (changed.has("filters") || changed.has("telling")) load(state);
    if (changed.has("modus")) showLegend(state);
    if (changed.has("lagen")) {
      showLayer(map, layer.layer, isOn(state, KEY));
      showLegend(state);
    }
    const selection = anyChanged(changed, "selectie", "punt", "groep");
    if (selection && !changed.has("filters") && state.weergave === "tabel") renderTable(state);
  });

  return {
    start(state) {
      showLayer(map, layer.layer, isOn(state, KEY));
      showLegend(state);
      return load(state);
    },
    renderTable,
    /** The properties ({code, naam, ...}) of the municipality at a point, or null. */
    at: (lon, lat) => featureAt(layer.collection(), lon, lat)?.properties ?? null,
    /** Every municipality's properties, for the search box. */
    list: () => (layer.collection()?.features ?? []).map((f) => f.properties),
    highlight: (members, selected) => layer.highlight(members, selected),
    boundsOf: (codes) => layer.boundsOf(codes),
  };
}
