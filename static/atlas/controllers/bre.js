// Controller of the BRE layer (bestuurlijke regionale ecosystemen): offers the finished runs
// in the layer form (the layer is disabled until a run exists), loads the clusters of the
// chosen run for the map, the table and the legend, and knows each municipality's cluster for
// the panel.
import { rowsOf } from "../data/api.js";
import { chosenRunId, finishedRuns, municipalityCluster, runChoice } from "../data/bre.js";
import { createLatest } from "../data/latest.js";
import { breLegend } from "../data/legends.js";
import { isOn, showLayer } from "./layers.js";

const KEY = "bre";

export function createBre({
  store,
  api,
  map,
  layer,
  legend,
  tables,
  filterForm,
  strings,
  language,
}) {
  const latest = createLatest();
  const cache = { runs: [], byMunicipality: new Map() };

  function showLegend(state) {
    if (isOn(state, KEY) && cache.runs.length) legend.set(KEY, breLegend(strings));
    else legend.clear(KEY);
  }

  async function loadRuns(state) {
    try {
      cache.runs = finishedRuns(rowsOf(await api.breRuns(), "bre-analyses"));
    } catch {
      cache.runs = [];
    }
    const note = cache.runs.length ? "" : strings.noRuns;
    const choices = cache.runs.map((run) => runChoice(run, strings));
    filterForm.setRuns(choices, chosenRunId(cache.runs, state.run), note);
  }

  async function loadClusters(state) {
    if (!isOn(state, KEY)) {
      tables.bre(null, false);
      return;
    }
    if (!cache.runs.length) {
      tables.bre(null, true, strings.noRuns);
      layer.setData(null);
      return;
    }
    const isLatest = latest.begin();
    const id = chosenRunId(cache.runs, state.run);
    try {
      const [clusters, members] = await Promise.all([
        api.breClusters(id),
        api.breMunicipalities(id).catch(() => null),
      ]);
      if (!isLatest()) return;
      layer.setData(clusters);
      cache.byMunicipality = new Map(rowsOf(members, "gemeenten").map((row) => [row.code, row]));
      tables.bre(clusters, true);
    } catch {
      if (!isLatest()) return;
      layer.setData(null);
      tables.bre(null, true, strings.loadError);
    }
    showLegend(state);
  }

  store.subscribe((state, changed) => {
    if (changed.has("lagen")) {
      showLayer(map, layer.layer, isOn(state, KEY));
      showLegend(state);
    }
    if (changed.has("lagen") || changed.has("run")) loadClusters(state);
  });

  return {
    async start(state) {
      showLayer(map, layer.layer, isOn(state, KEY));
      showLegend(state);
      await loadRuns(state);
      await loadClusters(store.get());
    },
    /** The line about a municipality's cluster ("Cluster West · Stabiliteit 0,9"), or null. */
    clusterOf(code) {
      const row = cache.byMunicipality.get(code);
      return row ? municipalityCluster(row, strings, language) : null;
    },
  };
}
