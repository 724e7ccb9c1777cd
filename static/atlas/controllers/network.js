// Controller of the co-membership network: loads the pairs of municipalities that share at
// least `drempel` arrangements under the filters, draws them, fills the network table and the
// legend. Keeps the last answer for the table view.
import { createLatest } from "../data/latest.js";
import { networkLegend } from "../data/legends.js";
import { isOn, showLayer } from "./layers.js";

const KEY = "netwerk";

export function createNetwork({ store, api, map, layer, legend, tables, strings }) {
  const latest = createLatest();
  const cache = { data: null, range: [1, 1] };

  function showLegend(state) {
    if (isOn(state, KEY) && cache.data)
      legend.set(KEY, networkLegend(cache.range, state.drempel, strings));
    else legend.clear(KEY);
  }

  function show(data) {
    cache.data = data;
    cache.range = layer.setData(data);
  }

  async function load(state) {
    if (!isOn(state, KEY)) {
      tables.network(null, state.drempel, false);
      return;
    }
    const isLatest = latest.begin();
    tables.network(null, state.drempel, true);
    try {
      const data = await api.network(state.filters, state.drempel);
      if (!isLatest()) return;
      show(data);
      tables.network(data, state.drempel, true);
    } catch (error) {
      if (!isLatest()) return;
      show(null);
      tables.network(null, state.drempel, true, error);
    }
    showLegend(state);
  }

  store.subscribe((state, changed) => {
    if (changed.has("lagen")) {
      showLayer(map, layer.layer, isOn(state, KEY));
      showLegend(state);
    }
    if (["filters", "lagen", "drempel"].some((key) => changed.has(key))) load(state);
  });

  return {
    start(state) {
      showLayer(map, layer.layer, isOn(state, KEY));
      showLegend(state);
      return isOn(state, KEY) ? load(state) : Promise.resolve();
    },
    /** The network table from the last answer (for the table view). */
    renderTable(state) {
      tables.network(cache.data, state.drempel, isOn(state, KEY));
    },
  };
}
