// The controllers with fakes for the API and the rendering: what they load, when, what they
// draw, and that a late answer never overwrites a newer one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBre } from "../../static/atlas/controllers/bre.js";
import { createFootprints, legendThemes } from "../../static/atlas/controllers/footprints.js";
import {
  createMunicipalities,
  selectedMunicipality,
  shapesKey,
} from "../../static/atlas/controllers/municipalities.js";
import { createNetwork } from "../../static/atlas/controllers/network.js";
import { createProvinces } from "../../static/atlas/controllers/provinces.js";
import { categorical } from "../../static/atlas/data/colours.js";
import { emptyFilters } from "../../static/atlas/data/filters.js";
import { createStore, defaultState } from "../../static/atlas/data/state.js";
import {
  deferred,
  fakeApi,
  fakeLegend,
  fakeMap,
  fakeTables,
  recorder,
  settle,
  squares,
} from "./fakes.js";

const strings = {
  noRuns: "Nog geen BRE",
  loadError: "Fout",
  run: "Berekening",
  clusters: "Clusters",
  cluster: "Cluster",
  stability: "Stabiliteit",
  bre: "BRE",
  count: "Aantal",
  provinces: "Provincies",
  shared: "Gedeeld",
  byFamily: "Per familie",
  byTheme: "Per thema",
};

function municipalityLayer() {
  const shown = { collection: null, counts: new Map() };
  const layer = recorder(["setCounts", "highlight", "boundsOf", "setPlain"], {
    setCounts: (rows) => {
      shown.counts = new Map(rows.map((r) => [r.code, r.aantalSamenwerkingsverbanden]));
    },
  });
  layer.layer = { name: "gemeenten" };
  layer.setData = (data) => {
    layer.calls.push(["setData", data]);
    shown.collection = data;
  };
  layer.collection = () => shown.collection;
  layer.counts = () => shown.counts;
  layer.legend = () => ({ title: "Aantal", items: [] });
  return layer;
}

function setUp(state = defaultState()) {
  return { store: createStore(state), map: fakeMap(), legend: fakeLegend(), tables: fakeTables() };
}

test("municipalities: shapes once per date and province, counts for other filters", async () => {
  const shapes = squares([["GM1", 0, 0, 3]]);
  const api = fakeApi({
    municipalities: (_filters, options) =>
      options?.geometry === false
        ? { gemeenten: [{ code: "GM1", aantalSamenwerkingsverbanden: 1 }] }
        : shapes,
  });
  const ctx = setUp();
  const layer = municipalityLayer();
  const controller = createMunicipalities({ ...ctx, api, layer, notify() {} });
  await controller.start(ctx.store.get());
  assert.ok(ctx.map.layers.has(layer.layer));
  assert.deepEqual(ctx.legend.sections.get("gemeenten"), { title: "Aantal", items: [] });
  ctx.store.update({ filters: { ...emptyFilters(), thema: ["afval"] } });
  await settle();
  assert.deepEqual(layer.called("setCounts"), [
    [[{ code: "GM1", aantalSamenwerkingsverbanden: 1 }]],
  ]);
  ctx.store.update({ filters: { ...emptyFilters(), peildatum: "2016-01-01" } });
  await settle();
  assert.equal(layer.called("setData").length, 2);
  assert.equal(controller.at(0.5, 0.5).code, "GM1");
  assert.equal(controller.at(9, 9), null);
  assert.deepEqual(controller.list(), [shapes.features[0].properties]);
});

test("municipalities: the table is drawn with counts that arrive after it was opened", async () => {
  const pending = deferred();
  const api = fakeApi({ municipalities: () => pending.promise });
  const ctx = setUp();
  const layer = municipalityLayer();
  createMunicipalities({ ...ctx, api, layer, notify() {} });
  ctx.store.update({ filters: { ...emptyFilters(), peildatum: "2016-01-01" } });
  ctx.store.update({ weergave: "tabel" }); // the user opens the table while the data loads
  await settle();
  pending.resolve(squares([["GM1", 0, 0, 1]]));
  await settle();
  assert.equal(ctx.tables.called("municipalities").length, 1);
});

test("municipalities: a late answer is dropped; an error becomes a notice", async () => {
  const slow = deferred();
  const answers = [slow.promise, squares([["GM2", 0, 0, 1]])];
  const api = fakeApi({ municipalities: () => answers.shift() });
  const ctx = setUp();
  const layer = municipalityLayer();
  const notices = [];
  createMunicipalities({ ...ctx, api, layer, notify: () => notices.push("!") });
  ctx.store.update({ filters: { ...emptyFilters(), peildatum: "2016-01-01" } });
  ctx.store.update({ filters: { ...emptyFilters(), peildatum: "2017-01-01" } });
  await settle();
  slow.resolve(squares([["GM1", 0, 0, 1]]));
  await settle();
  assert.deepEqual(
    layer.called("setData").map(([data]) => data.features[0].properties.code),
    ["GM2"],
  );
  const failing = fakeApi({ municipalities: new Error("offline") });
  const other = setUp();
  const controller = createMunicipalities({
    ...other,
    api: failing,
    layer: municipalityLayer(),
    notify: () => notices.push("!"),
  });
  await controller.start(other.store.get());
  assert.deepEqual(notices, ["!"]);
});

test("municipalities: the table follows the selection in the table view", async () => {
  const api = fakeApi({ municipalities: squares([["GM1", 0, 0, 3]]) });
  const ctx = setUp({ ...defaultState(), weergave: "tabel" });
  const controller = createMunicipalities({ ...ctx, api, layer: municipalityLayer(), notify() {} });
  await controller.start(ctx.store.get());
  ctx.store.update({ selectie: "gm:GM1" });
  const rendered = ctx.tables.called("municipalities");
  assert.equal(rendered.length, 2);
  assert.equal(rendered[1][2], "GM1");
  assert.equal(selectedMunicipality({ selectie: "sv:3" }), "");
  assert.equal(shapesKey({ peildatum: "2020-01-01", provincie: "PV26" }), "nl|2020-01-01|PV26");
  assert.equal(shapesKey({ land: "be", peildatum: "", provincie: "" }), "be||");
});

test("provinces: loaded once, the first time the layer is on", async () => {
  const api = fakeApi({ provinces: { type: "FeatureCollection", features: [] } });
  const ctx = setUp({ ...defaultState(), lagen: ["gemeenten"] });
  const layer = recorder(["setData"]);
  layer.layer = { name: "provincies" };
  const controller = createProvinces({ ...ctx, api, layer, strings });
  await controller.start(ctx.store.get());
  assert.equal(api.count("provinces"), 0);
  assert.equal(ctx.legend.sections.has("provincies"), false);
  ctx.store.update({ lagen: ["gemeenten", "provincies"] });
  ctx.store.update({ lagen: ["provincies"] });
  await settle();
  assert.equal(api.count("provinces"), 1);
  assert.ok(ctx.map.layers.has(layer.layer));
  assert.equal(ctx.legend.sections.get("provincies").items[0].label, "Provincies");
});

test("footprints: the tile URL follows the filters, the colours the style", async () => {
  const api = { tileUrl: (layer, filters) => `${layer}?${filters.thema.join(",")}` };
  const ctx = setUp({ ...defaultState(), lagen: ["gebieden"], modus: "vlak" });
  const layer = recorder(["setUrl", "setMode", "setCount"]);
  layer.layer = { name: "gebieden" };
  const config = {
    familyColours: { wgr: "#000" },
    families: { wgr: "Wgr" },
    themes: { afval: "Afval", wonen: "Wonen" },
  };
  const controller = createFootprints({ ...ctx, api, layer, strings, config });
  await controller.start(ctx.store.get());
  ctx.store.update({ filters: { ...emptyFilters(), thema: ["wonen"] }, stijl: "thema" });
  await settle();
  assert.deepEqual(layer.called("setUrl"), [
    ["samenwerkingsverbanden?"],
    ["samenwerkingsverbanden?wonen"],
  ]);
  assert.deepEqual(layer.called("setMode").at(-1), ["thema"]);
  assert.deepEqual(ctx.legend.sections.get("gebieden").items, [
    { swatch: { fill: categorical(1) }, label: "Wonen" },
  ]);
  assert.deepEqual(legendThemes({ filters: emptyFilters() }, config.themes), ["afval", "wonen"]);
  // Without VectorGrid there is no layer: the controller does nothing.
  const without = setUp({ ...defaultState(), lagen: ["gebieden"], modus: "vlak" });
  const none = createFootprints({ ...without, api, layer: null, strings, config });
  await none.start(without.store.get());
  await none.ready();
  assert.equal(without.legend.sections.has("gebieden"), false);
});

test("network: loads while its layer is on, with the threshold; the table shows errors", async () => {
  const pairs = {
    type: "FeatureCollection",
    features: [{ properties: { bronNaam: "A", doelNaam: "B", gedeeld: 6 }, geometry: null }],
  };
  const answers = [pairs, Object.assign(new Error("x"), { status: 500 })];
  const api = fakeApi({ network: () => answers.shift() });
  const ctx = setUp();
  const layer = recorder(["setData"], { setData: () => [6, 6] });
  layer.layer = { name: "netwerk" };
  const controller = createNetwork({ ...ctx, api, layer, strings });
  await controller.start(ctx.store.get());
  assert.equal(api.count("network"), 0);
  ctx.store.update({ lagen: ["gemeenten", "netwerk"] });
  await settle();
  assert.deepEqual(api.calls[0].slice(2), [5]);
  assert.deepEqual(ctx.tables.called("network").at(-1), [pairs, 5, true]);
  assert.deepEqual(
    ctx.legend.sections.get("netwerk").items.map((i) => i.label),
    ["6", "6"],
  );
  ctx.store.update({ drempel: 8 });
  await settle();
  const [data, threshold, visible, error] = ctx.tables.called("network").at(-1);
  assert.deepEqual([data, threshold, visible, error.status], [null, 8, true, 500]);
  assert.equal(ctx.legend.sections.has("netwerk"), false);
  ctx.store.update({ lagen: ["gemeenten"] });
  assert.deepEqual(ctx.tables.called("network").at(-1), [null, 8, false]);
  assert.equal(ctx.map.layers.has(layer.layer), false);
});

// The BRE contract as the API sends it (atlas_api/views/bre.py).
const RUNS = {
  totaal: 3,
  "bre-analyses": [
    { id: 8, status: "bezig", standaard: false, klaarOp: null, aantalClusters: null },
    { id: 7, status: "klaar", standaard: true, klaarOp: "2025-03-01T10:00:00Z", aantalClusters: 2 },
    {
      id: 5,
      status: "klaar",
      standaard: false,
      klaarOp: "2025-01-01T10:00:00Z",
      aantalClusters: 3,
    },
  ],
};
const CLUSTERS = {
  type: "FeatureCollection",
  features: [
    { id: 1, geometry: null, properties: { nummer: 1, label: "West", stabiliteitGemiddeld: 0.9 } },
  ],
};
const MEMBERS = {
  gemeenten: [
    {
      code: "GM1",
      naam: "Een",
      provincie: "PV26",
      cluster: 1,
      clusterLabel: "West",
      stabiliteit: 0.9,
    },
  ],
};

function breSetUp(answers, state) {
  const ctx = setUp(state);
  const api = fakeApi(answers);
  const layer = recorder(["setData"]);
  layer.layer = { name: "bre" };
  const filterForm = recorder(["setRuns"]);
  const controller = createBre({ ...ctx, api, layer, filterForm, strings, language: "nl" });
  return { ...ctx, api, layer, filterForm, controller };
}

test("BRE: finished runs on offer, the default chosen, its clusters shown", async () => {
  const { controller, store, api, layer, filterForm, tables, legend } = breSetUp(
    { breRuns: RUNS, breClusters: CLUSTERS, breMunicipalities: MEMBERS },
    { ...defaultState(), lagen: ["gemeenten", "bre"] },
  );
  await controller.start(store.get());
  const [choices, selected, note] = filterForm.called("setRuns")[0];
  assert.deepEqual(
    choices.map((c) => c.value),
    ["7", "5"],
  );
  assert.equal(selected, "7");
  assert.equal(note, "");
  assert.deepEqual(
    api.calls.filter(([n]) => n === "breClusters"),
    [["breClusters", "7"]],
  );
  assert.deepEqual(layer.called("setData"), [[CLUSTERS]]);
  assert.deepEqual(tables.called("bre"), [[CLUSTERS, true]]);
  assert.equal(legend.sections.get("bre").title, "BRE");
  assert.equal(controller.clusterOf("GM1"), "Cluster West · Stabiliteit 0,9");
  assert.equal(controller.clusterOf("GM9"), null);
  store.update({ run: "5" });
  await settle();
  assert.equal(api.calls.filter(([n]) => n === "breClusters").at(-1)[1], "5");
});

test("BRE: without a finished run the layer is disabled with a note", async () => {
  const { controller, store, api, filterForm, tables, legend } = breSetUp(
    { breRuns: { totaal: 1, "bre-analyses": [RUNS["bre-analyses"][0]] }, breClusters: CLUSTERS },
    { ...defaultState(), lagen: ["bre"] },
  );
  await controller.start(store.get());
  assert.deepEqual(filterForm.called("setRuns"), [[[], "", "Nog geen BRE"]]);
  assert.equal(api.count("breClusters"), 0);
  assert.deepEqual(tables.called("bre"), [[null, true, "Nog geen BRE"]]);
  assert.equal(legend.sections.has("bre"), false);
});

test("BRE: a run whose clusters fail shows the error in its table", async () => {
  const { controller, store, tables } = breSetUp(
    { breRuns: RUNS, breClusters: new Error("409"), breMunicipalities: MEMBERS },
    { ...defaultState(), lagen: ["bre"], run: "8" },
  );
  await controller.start(store.get());
  assert.deepEqual(tables.called("bre"), [[null, true, "Fout"]]);
});

test("municipalities: the counting switch reloads the counts, not the shapes", async () => {
  const calls = [];
  const shapes = squares([["GM1", 0, 0, 3]]);
  const api = fakeApi({
    municipalities: (_filters, options) => {
      calls.push(options);
      return options?.geometry === false ? { gemeenten: [] } : shapes;
    },
  });
  const ctx = setUp();
  const layer = municipalityLayer();
  const controller = createMunicipalities({ ...ctx, api, layer, notify() {} });
  await controller.start(ctx.store.get());
  assert.equal(calls[0].telling, "samenwerking");
  ctx.store.update({ telling: "alles" });
  await settle();
  assert.deepEqual(calls[1], { geometry: false, telling: "alles" });
  assert.equal(layer.called("setCounts").length, 1);
});
