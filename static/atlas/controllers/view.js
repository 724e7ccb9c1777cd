// Controller of the two views, map or table (`weergave`). The table view is the map's
// equivalent: when it is shown, or the filters change while it is, the municipality and
// network tables are drawn from what the map loaded, and the arrangements under the filters
// are fetched for their own table.
import { createLatest } from "../data/latest.js";

export function createView({ store, api, toolbar, tables, map, municipalities, network }) {
  const latest = createLatest();

  async function refreshTables(state) {
    if (state.weergave !== "tabel") return;
    municipalities.renderTable(state);
    network.renderTable(state);
    const isLatest = latest.begin();
    tables.arrangementsLoading();
    try {
      const data = await api.arrangements(state.filters);
      if (isLatest()) tables.arrangements(data);
    } catch (error) {
      if (isLatest()) tables.arrangements(null, error);
    }
  }

  function show(state) {
    const table = state.weergave === "tabel";
    toolbar.showView(table);
    if (table) refreshTables(state);
    else map.invalidateSize();
  }

  toolbar.handle({ onView: (weergave) => store.update({ weergave }) });
  store.subscribe((state, changed) => {
    if (changed.has("filters")) refreshTables(state);
    if (changed.has("weergave")) show(state);
  });

  return {
    start(state) {
      show(state);
      return Promise.resolve();
    },
  };
}
