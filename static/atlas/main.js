// Entry module of the map page: wires the data modules (api, state) to the rendering modules
// (map, layers, panel, table, filters, search). Configuration comes from json_script.
import { createApi, featureAt, rowsOf } from "./api.js";
import { createStore, parseState } from "./state.js";
import { announce } from "./dom.js";
import { createLegend, createMap, createPointMarker, fitTo, mapAsPng, mapView, setMapView } from "./map.js";
import { municipalityLayer } from "./layers/municipalities.js";
import { provinceLayer } from "./layers/provinces.js";
import { footprintLayer } from "./layers/footprints.js";
import { networkLayer } from "./layers/network.js";
import { breLayer, clusterKey, stabilityOf } from "./layers/bre.js";
import { selectionLayer } from "./layers/selection.js";
import { createPanel } from "./panel.js";
import { createTables } from "./table.js";
import { createFilterForm } from "./filters.js";
import { createSearch } from "./search.js";

const byId = (id) => document.getElementById(id);
const config = JSON.parse(byId("atlas-config").textContent);
const strings = { ...config.strings, families: config.families };
const store = createStore(parseState(window.location.search));
const api = createApi(config.api);
const status = byId("atlas-status");
const language = document.documentElement.lang || "nl";

// --- map and layers -------------------------------------------------------------------
const notices = byId("map-notices");
function showNotice(text) {
  const p = document.createElement("p");
  p.className = "notice";
  p.textContent = text;
  notices.append(p);
}
const map = createMap(byId("map"), config, strings, { onNotice: showNotice });
const legend = createLegend(map, strings.legend);
const marker = createPointMarker(map);
const themeOf = new Map(config.arrangements.map((a) => [a[0], (a[4] || [])[0]]));
const layers = {
  gemeenten: municipalityLayer(map, { strings, onClick: () => {} }),
  provincies: provinceLayer(),
  gebieden: footprintLayer({ strings, familyColours: config.familyColours, themeOf, themeNames: config.themes }),
  netwerk: networkLayer({ strings }),
  bre: breLayer({ strings }),
};
const selection = selectionLayer();
selection.layer.addTo(map);

// --- panel, tables, filters, search ------------------------------------------------------
const panel = createPanel(byId("panel"), {
  config, strings,
  handlers: {
    onClose: () => store.update({ selectie: "", punt: "" }),
    onSelectArrangement: (id) => select({ selectie: `sv:${id}` }),
    onSelectMunicipality: (code) => select({ selectie: `gm:${code}`, punt: "" }, { fitMunicipality: code }),
    onGroup: (groep) => store.update({ groep }),
    onBack: () => {
      const here = pointMunicipality(store.get());
      store.update({ selectie: here ? `gm:${here.code}` : "" });
    },
  },
});
const tables = createTables(byId("table-view"), {
  config, strings,
  handlers: {
    onSelectMunicipality: (code) => select({ selectie: `gm:${code}`, punt: "" }, { fitMunicipality: code }),
    onSelectArrangement: (id) => select({ selectie: `sv:${id}`, punt: "" }),
  },
});
const filterForm = createFilterForm(byId("filters"), byId("layers"), {
  config, strings,
  handlers: {
    onChange: (filters) => { store.update({ filters }); announce(status, strings.filtersApplied); },
    onLayers: (values) => store.update(values),
  },
});
createSearch(byId("zoek"), byId("zoek-lijst"), byId("zoek-status"), {
  strings,
  sources: {
    municipalities: () => (layers.gemeenten.collection?.features || []).map((f) => f.properties),
    arrangements: () => config.arrangements,
  },
  handlers: {
    onSearch: (q) => store.update({ filters: { ...store.get().filters, zoek: q } }),
    onMunicipality: (code) => select({ selectie: `gm:${code}`, punt: "" }, { fitMunicipality: code }),
    onArrangement: (id) => select({ selectie: `sv:${id}`, punt: "" }),
  },
});

let fitNext = null; // zoom to a selection made by the user (not to one from the permalink)
function select(patch, { fitMunicipality } = {}) {
  fitNext = fitMunicipality ? { municipality: fitMunicipality } : { arrangement: true };
  store.update(patch);
}

// --- loading ----------------------------------------------------------------------------
const tokens = {};
const latest = (key) => { tokens[key] = (tokens[key] || 0) + 1; const t = tokens[key]; return () => t === tokens[key]; };
let geometryKey = null;

async function loadMunicipalities(state) {
  const isLatest = latest("gemeenten");
  const key = `${state.filters.peildatum}|${state.filters.provincie}`;
  try {
    if (key !== geometryKey) {
      const data = await api.municipalities(state.filters);
      if (!isLatest()) return;
      layers.gemeenten.setData(data);
      geometryKey = key;
    } else {
      const data = await api.municipalities(state.filters, { geometry: false });
      if (!isLatest()) return;
      layers.gemeenten.setCounts(rowsOf(data, "gemeenten"));
    }
    legendFor(state);
    if (state.weergave === "tabel") renderMunicipalityTable(state);
    highlightSelection(state);
  } catch (error) {
    showNotice(strings.loadError);
  }
}

async function loadProvinces() {
  if (layers.provincies.loaded) return;
  layers.provincies.loaded = true;
  try { layers.provincies.setData(await api.provinces()); } catch { layers.provincies.loaded = false; }
}

function footprintsReady() {
  const layer = layers.gebieden?.layer;
  if (!layer || !map.hasLayer(layer) || !layer._loading) return Promise.resolve();
  return new Promise((resolve) => {
    layer.once("load", resolve);
    window.setTimeout(resolve, 15000);
  });
}

function updateFootprints(state) {
  if (!layers.gebieden) return;
  layers.gebieden.setUrl(api.tileUrl("samenwerkingsverbanden", state.filters));
  layers.gebieden.setMode(state.stijl);
}

let networkData = null;
async function loadNetwork(state) {
  if (!state.lagen.includes("netwerk")) { tables.network(null, state.drempel, false); return; }
  const isLatest = latest("netwerk");
  tables.network(null, state.drempel, true);
  try {
    const data = await api.network(state.filters, state.drempel);
    if (!isLatest()) return;
    networkData = data;
    layers.netwerk.setData(data);
    tables.network(data, state.drempel, true);
  } catch (error) {
    if (!isLatest()) return;
    networkData = null;
    layers.netwerk.setData(null);
    tables.network(null, state.drempel, true, error);
  }
  legendFor(state);
}

// BRE: the layer is offered as soon as a run exists.
let runs = [];
let breByMunicipality = new Map();
const FINISHED = new Set(["klaar", "gereed", "voltooid", "done", "finished", "succeeded", "success", "afgerond"]);
function defaultRun(list) {
  return list.find((r) => r.standaard || r.isStandaard || r.actueel || r.huidig || r.default)
    || list.find((r) => FINISHED.has(String(r.status || "").toLowerCase())) || list[0];
}
async function loadRuns(state) {
  const checkbox = byId("laag-bre");
  try {
    // Only finished runs have clusters to show (a run in the queue or failed is left out).
    runs = rowsOf(await api.breRuns(), "bre-analyses")
      .filter((r) => !r.status || FINISHED.has(String(r.status).toLowerCase()));
  } catch {
    runs = [];
  }
  checkbox.disabled = !runs.length;
  const choices = runs.map((r) => {
    const day = r.klaarOp || r.aangemaaktOp || "";
    const clusters = r.aantalClusters ? `, ${r.aantalClusters} ${strings.clusters.toLowerCase()}` : "";
    const mark = r.standaard ? " ★" : "";
    return { value: String(r.id), label: `${strings.run} ${r.id}${day ? ` (${String(day).slice(0, 10)}${clusters})` : ""}${mark}` };
  });
  const chosen = state.run || (runs.length ? String(defaultRun(runs).id) : "");
  filterForm.setRuns(choices, chosen, runs.length ? "" : strings.noRuns);
  byId("bre-note").textContent = runs.length ? "" : strings.noRuns;
}
async function loadBre(state) {
  const visible = state.lagen.includes("bre");
  if (!visible) { tables.bre(null, false); return; }
  if (!runs.length) { tables.bre(null, true, strings.noRuns); layers.bre.setData(null); return; }
  const isLatest = latest("bre");
  const id = state.run || String(defaultRun(runs).id);
  try {
    const [clusters, members] = await Promise.all([
      api.breClusters(id), api.breMunicipalities(id).catch(() => null),
    ]);
    if (!isLatest()) return;
    layers.bre.setData(clusters);
    breByMunicipality = new Map(rowsOf(members, "gemeenten").map((r) => [r.code || r.gemeente, r]));
    tables.bre(clusters, true);
  } catch {
    if (!isLatest()) return;
    layers.bre.setData(null);
    tables.bre(null, true, strings.loadError);
  }
  legendFor(state);
}

// --- layers, legend, view ---------------------------------------------------------------------
function syncLayers(state) {
  for (const [key, item] of Object.entries(layers)) {
    if (!item) continue;
    const wanted = state.lagen.includes(key);
    if (wanted && !map.hasLayer(item.layer)) item.layer.addTo(map);
    if (!wanted && map.hasLayer(item.layer)) map.removeLayer(item.layer);
  }
  legendFor(state);
}

function legendFor(state) {
  const on = (key) => state.lagen.includes(key);
  on("gemeenten") ? legend.set("gemeenten", layers.gemeenten.legend()) : legend.clear("gemeenten");
  on("provincies") ? legend.set("provincies", layers.provincies.legend(strings)) : legend.clear("provincies");
  if (on("gebieden") && layers.gebieden) {
    const themes = state.filters.thema.length ? state.filters.thema : Object.keys(config.themes);
    legend.set("gebieden", layers.gebieden.legend(themes));
  } else legend.clear("gebieden");
  on("netwerk") && networkData ? legend.set("netwerk", layers.netwerk.legend(state.drempel)) : legend.clear("netwerk");
  on("bre") && runs.length ? legend.set("bre", layers.bre.legend()) : legend.clear("bre");
}

function applyView(state) {
  const table = state.weergave === "tabel";
  byId("map-view").hidden = table;
  byId("table-view").hidden = !table;
  byId("weergave-kaart").setAttribute("aria-pressed", String(!table));
  byId("weergave-tabel").setAttribute("aria-pressed", String(table));
  if (table) refreshTables(state);
  else map.invalidateSize();
}

function renderMunicipalityTable(state) {
  const selected = state.selectie.startsWith("gm:") ? state.selectie.slice(3) : "";
  tables.municipalities(layers.gemeenten.collection, layers.gemeenten.counts(), selected);
}

async function refreshTables(state) {
  if (state.weergave !== "tabel") return;
  renderMunicipalityTable(state);
  tables.network(networkData, state.drempel, state.lagen.includes("netwerk"));
  const isLatest = latest("tabel");
  tables.arrangementsLoading();
  try {
    const data = await api.arrangements(state.filters);
    if (isLatest()) tables.arrangements(data);
  } catch (error) {
    if (isLatest()) tables.arrangements(null, error);
  }
}

function updateExports(state) {
  for (const link of document.querySelectorAll("[data-export]")) {
    const [resource, format] = link.dataset.export.split(":");
    const extra = resource === "netwerk" ? { minimaalGedeeld: state.drempel } : {};
    link.href = api.exportUrl(resource, format, state.filters, extra);
  }
}

// --- selection and "what is here?" ---------------------------------------------------------
function parsePoint(value) {
  const [lon, lat] = (value || "").split(",").map(Number);
  return Number.isFinite(lon) && Number.isFinite(lat) ? { lon, lat } : null;
}
function pointMunicipality(state) {
  const point = parsePoint(state.punt);
  if (!point) return null;
  return featureAt(layers.gemeenten.collection, point.lon, point.lat)?.properties || null;
}

let hereRows = [];
let memberCodes = [];
function highlightSelection(state) {
  const [kind, id] = state.selectie.split(":");
  layers.gemeenten.highlight(kind === "sv" ? memberCodes : [], kind === "gm" ? id : "");
}

function withBre(detail) {
  const row = breByMunicipality.get(detail.code);
  if (!row) return detail;
  const stability = stabilityOf(row);
  const text = `${strings.cluster} ${row.clusterLabel || row.clusterNaam || row.label || clusterKey(row)}` +
    (stability !== null ? ` · ${strings.stability} ${stability.toLocaleString(language, { maximumFractionDigits: 2 })}` : "");
  return { ...detail, bre: text };
}

async function refreshPanel(state, { focus = true } = {}) {
  const isLatest = latest("panel");
  const [kind, id] = state.selectie.split(":");
  const point = parsePoint(state.punt);
  const fit = fitNext;
  fitNext = null;
  if (point) marker.show(point.lat, point.lon); else marker.hide();
  if (kind !== "sv") { selection.clear(); memberCodes = []; }
  highlightSelection(state);
  try {
    if (kind === "sv") {
      const row = hereRows.find((r) => String(r.id) === id) || null;
      memberCodes = row?.gemeenten || [];
      highlightSelection(state);
      panel.arrangement({ row: row || { id, naam: strings.loading }, canGoBack: Boolean(point), focus });
      let feature = null;
      try { feature = await api.arrangement(id, state.filters); } catch { feature = null; }
      if (!isLatest()) return;
      const detail = feature?.properties || null;
      if (detail?.ledenOpPeildatum) memberCodes = detail.ledenOpPeildatum.map((m) => m.code);
      selection.show(feature?.geometry ? feature : null);
      highlightSelection(state);
      panel.arrangement({ row, detail, canGoBack: Boolean(point), focus: false });
      if (fit) fitTo(map, selection.bounds() || layers.gemeenten.boundsOf(memberCodes));
    } else if (point) {
      const municipality = pointMunicipality(state);
      panel.loading(strings.here, focus);
      const data = await api.here(point.lon, point.lat, state.filters);
      if (!isLatest()) return;
      hereRows = rowsOf(data, "samenwerkingsverbanden");
      panel.here({ ...point, municipality, rows: hereRows, group: state.groep, focus });
      announce(status, `${strings.here}: ${hereRows.length}`);
      if (municipality) {
        const detail = await api.municipality(municipality.code, state.filters);
        if (isLatest()) panel.fillMunicipality(withBre(detail));
      }
    } else if (kind === "gm") {
      panel.loading(strings.municipality, focus);
      const detail = await api.municipality(id, state.filters);
      if (!isLatest()) return;
      hereRows = detail.samenwerkingsverbanden || [];
      panel.municipality({ detail: withBre(detail), group: state.groep, focus });
      if (fit?.municipality) fitTo(map, layers.gemeenten.boundsOf([id]));
    } else {
      panel.close();
    }
  } catch (error) {
    if (isLatest()) panel.error(kind === "sv" ? strings.arrangement : strings.here, strings.loadError);
  }
}

function onPoint(latlng) {
  const lon = Math.round(latlng.lng * 100000) / 100000;
  const lat = Math.round(latlng.lat * 100000) / 100000;
  const municipality = featureAt(layers.gemeenten.collection, lon, lat)?.properties;
  store.update({ punt: `${lon},${lat}`, selectie: municipality ? `gm:${municipality.code}` : "" });
}
map.on("click", (event) => onPoint(event.latlng));
// Keyboard: Enter (or space) on the focused map asks "what is here?" at its centre.
byId("map").addEventListener("keydown", (event) => {
  if ((event.key === "Enter" || event.key === " ") && event.target === byId("map")) {
    event.preventDefault();
    onPoint(map.getCenter());
  }
});

// --- toolbar -----------------------------------------------------------------------------
byId("weergave-kaart").addEventListener("click", () => store.update({ weergave: "kaart" }));
byId("weergave-tabel").addEventListener("click", () => store.update({ weergave: "tabel" }));
byId("deel-link").addEventListener("click", async () => {
  const url = store.url();
  byId("deel-url").value = url;
  try { await navigator.clipboard.writeText(url); announce(status, strings.copied); }
  catch { announce(status, strings.copyFailed); }
});
byId("afdrukken").addEventListener("click", () => window.print());
byId("png").addEventListener("click", async () => {
  try {
    const blob = await mapAsPng(map, { title: document.title.split(" · ")[0], note: `Regioatlas · ${config.attribution} · ${store.url()}`.slice(0, 160) });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `regioatlas-${new Date().toISOString().slice(0, 10)}.png`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch {
    announce(status, strings.pngFailed);
    showNotice(strings.pngFailed);
  }
});

// --- state changes -------------------------------------------------------------------------
store.subscribe((state, changed) => {
  if (changed.has("filters")) {
    loadMunicipalities(state);
    updateFootprints(state);
    loadNetwork(state);
    refreshTables(state);
    updateExports(state);
    if (state.selectie || state.punt) refreshPanel(state, { focus: false });
  }
  if (changed.has("lagen")) {
    syncLayers(state);
    if (state.lagen.includes("provincies")) loadProvinces();
    if (!changed.has("filters")) loadNetwork(state);
    loadBre(state);
  }
  if (changed.has("stijl")) { updateFootprints(state); legendFor(state); }
  if (changed.has("drempel") && !changed.has("filters")) { loadNetwork(state); updateExports(state); }
  if (changed.has("run")) loadBre(state);
  if (changed.has("weergave")) applyView(state);
  if (["selectie", "punt", "groep"].some((k) => changed.has(k)) && !changed.has("filters")) {
    refreshPanel(state);
    if (state.weergave === "tabel") renderMunicipalityTable(state);
  }
});

// --- start ---------------------------------------------------------------------------------
async function start() {
  const state = store.get();
  filterForm.write(state.filters);
  filterForm.writeLayers(state);
  setMapView(map, state.kaart);
  updateFootprints(state);
  updateExports(state);
  syncLayers(state);
  applyView(state);
  byId("atlas").classList.add("is-enhanced");
  // On a phone the filters fold away above the map.
  if (window.matchMedia("(max-width: 62rem)").matches) byId("sidebar-details").open = false;
  const tasks = [loadMunicipalities(state), loadRuns(state).then(() => loadBre(store.get()))];
  if (state.lagen.includes("provincies")) tasks.push(loadProvinces());
  if (state.lagen.includes("netwerk")) tasks.push(loadNetwork(state));
  await Promise.all(tasks);
  await footprintsReady();
  if (state.selectie || state.punt) {
    if (!state.kaart) fitNext = state.selectie.startsWith("gm:") ? { municipality: state.selectie.slice(3) } : { arrangement: true };
    await refreshPanel(store.get(), { focus: false });
  }
  map.on("moveend", () => store.update({ kaart: mapView(map) }));
  performance.mark("atlas-ready");
  document.documentElement.dataset.atlasReady = "true";
  announce(status, strings.mapReady);
}
start();
