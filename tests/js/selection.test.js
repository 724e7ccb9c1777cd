// The selection controller (panel, marker, footprint, highlight) and the view, toolbar and
// sidebar controllers, with fakes.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createSelection,
  initialFit,
  parseSelection,
} from "../../static/atlas/controllers/selection.js";
import { createSidebar } from "../../static/atlas/controllers/sidebar.js";
import { createToolbarActions } from "../../static/atlas/controllers/toolbar.js";
import { createView } from "../../static/atlas/controllers/view.js";
import { createArrangementIndex } from "../../static/atlas/data/arrangements.js";
import { emptyFilters } from "../../static/atlas/data/filters.js";
import { createStore, defaultState } from "../../static/atlas/data/state.js";
import { fakeApi, fakeMap, fakeTables, recorder, settle } from "./fakes.js";

const strings = {
  here: "Wat is hier?",
  loading: "Laden…",
  municipality: "Gemeente",
  arrangement: "Samenwerkingsverband",
  loadError: "Fout",
  copied: "Gekopieerd",
  copyFailed: "Niet gekopieerd",
  pngFailed: "Geen PNG",
  filtersApplied: "Toegepast",
};
const HERE = {
  totaal: 2,
  samenwerkingsverbanden: [
    { id: 3, naam: "GR West", gemeenten: ["GM1", "GM2"] },
    { id: 4, naam: "Netwerk" },
  ],
};
const MUNICIPALITY = {
  code: "GM1",
  naam: "Een",
  samenwerkingsverbanden: [{ id: 3, naam: "GR West" }],
  partners: [],
  officieleRegios: [],
};
const ARRANGEMENT = {
  type: "Feature",
  id: 3,
  geometry: { type: "Polygon", coordinates: [] },
  properties: {
    id: 3,
    naam: "GR West",
    ledenOpPeildatum: [
      { code: "GM1", naam: "Een" },
      { code: "GM2", naam: "Twee" },
    ],
  },
};

function selectionSetUp(state = defaultState(), answers = {}) {
  const store = createStore(state);
  const api = fakeApi({
    here: HERE,
    municipality: MUNICIPALITY,
    arrangement: ARRANGEMENT,
    ...answers,
  });
  const panel = recorder([
    "handle",
    "loading",
    "error",
    "here",
    "municipality",
    "fillMunicipality",
    "arrangement",
    "close",
  ]);
  const marker = recorder(["show", "hide"]);
  const footprint = recorder(["show", "clear", "bounds"], { bounds: "footprint bounds" });
  const municipalities = recorder(["highlight", "boundsOf"], {
    boundsOf: (codes) => `bounds of ${codes}`,
  });
  municipalities.at = (lon) => (lon < 1 ? { code: "GM1", naam: "Een" } : null);
  const bre = { clusterOf: (code) => (code === "GM1" ? "Cluster West" : null) };
  const announced = [];
  const fitted = [];
  const controller = createSelection({
    store,
    api,
    panel,
    marker,
    footprint,
    municipalities,
    bre,
    strings,
    announce: (text) => announced.push(text),
    fitTo: (bounds) => fitted.push(bounds),
  });
  const handlers = Object.assign({}, ...panel.called("handle").map(([h]) => h));
  return {
    store,
    api,
    panel,
    marker,
    footprint,
    municipalities,
    controller,
    handlers,
    announced,
    fitted,
  };
}

test("selection values and the zoom of a permalink", () => {
  assert.deepEqual(parseSelection("gm:GM0344"), { kind: "gm", id: "GM0344" });
  assert.deepEqual(parseSelection("sv:12"), { kind: "sv", id: "12" });
  assert.deepEqual(parseSelection("x:1"), { kind: "", id: "" });
  assert.deepEqual(parseSelection(""), { kind: "", id: "" });
  assert.deepEqual(initialFit({ kaart: "", selectie: "gm:GM1" }), { municipality: "GM1" });
  assert.deepEqual(initialFit({ kaart: "", selectie: "sv:3" }), { arrangement: true });
  assert.equal(initialFit({ kaart: "9/52/5", selectie: "gm:GM1" }), null);
});

test("'what is here?' at a point: marker, list, then the municipality with its cluster", async () => {
  const s = selectionSetUp();
  s.controller.ask(0.123456789, 0.5);
  await settle();
  assert.equal(s.store.get().punt, "0.12346,0.5");
  assert.equal(s.store.get().selectie, "gm:GM1");
  assert.deepEqual(s.marker.called("show"), [[0.5, 0.12346]]);
  const [here] = s.panel.called("here")[0];
  assert.deepEqual(here.rows, HERE.samenwerkingsverbanden);
  assert.equal(here.municipality.code, "GM1");
  assert.deepEqual(s.announced, ["Wat is hier?: 2"]);
  assert.equal(s.panel.called("fillMunicipality")[0][0].bre, "Cluster West");
  // a point outside every municipality clears the selection
  s.controller.ask(5, 0.5);
  assert.equal(s.store.get().selectie, "");
});

test("an arrangement from the list: members highlighted, footprint shown, zoom when chosen", async () => {
  const s = selectionSetUp();
  s.controller.ask(0.5, 0.5);
  await settle();
  s.handlers.onSelectArrangement("3");
  await settle();
  assert.equal(s.store.get().selectie, "sv:3");
  assert.equal(s.store.get().punt, "0.5,0.5", "the point is kept: back to the list");
  const [first, last] = s.panel.called("arrangement").map(([a]) => a);
  assert.equal(first.row.naam, "GR West");
  assert.equal(first.detail, null);
  assert.equal(last.detail.naam, "GR West");
  assert.equal(last.canGoBack, true);
  assert.deepEqual(s.municipalities.called("highlight").at(-1), [["GM1", "GM2"], ""]);
  assert.deepEqual(s.footprint.called("show"), [[ARRANGEMENT]]);
  assert.deepEqual(s.fitted, ["footprint bounds"]);
  s.handlers.onBack();
  assert.equal(s.store.get().selectie, "gm:GM1");
});

test("a municipality chosen elsewhere: its panel, and a zoom to it", async () => {
  const s = selectionSetUp();
  s.controller.selectMunicipality("GM1");
  await settle();
  assert.deepEqual(s.store.get().selectie, "gm:GM1");
  assert.equal(s.panel.called("municipality")[0][0].detail.bre, "Cluster West");
  assert.deepEqual(s.fitted, ["bounds of GM1"]);
  assert.deepEqual(s.municipalities.called("highlight").at(-1), [[], "GM1"]);
  s.handlers.onClose();
  await settle();
  assert.equal(s.panel.called("close").length, 1);
  assert.deepEqual(s.marker.called("hide").length >= 1, true);
});

test("a permalink's selection is shown without focus, zoomed only without a map view", async () => {
  const s = selectionSetUp({ ...defaultState(), selectie: "gm:GM1", kaart: "9/52/5" });
  await s.controller.start(s.store.get());
  assert.equal(s.panel.called("municipality")[0][0].focus, false);
  assert.deepEqual(s.fitted, []);
  const t = selectionSetUp({ ...defaultState(), selectie: "gm:GM1" });
  await t.controller.start(t.store.get());
  assert.deepEqual(t.fitted, ["bounds of GM1"]);
});

test("new filters reload an open panel without taking the focus; errors say so", async () => {
  const s = selectionSetUp(
    { ...defaultState(), selectie: "gm:GM1" },
    { municipality: new Error("500") },
  );
  s.store.update({ filters: { ...emptyFilters(), thema: ["afval"] } });
  await settle();
  assert.deepEqual(s.panel.called("loading")[0], ["Gemeente", false]);
  assert.deepEqual(s.panel.called("error")[0], ["Wat is hier?", "Fout"]);
});

test("the view: the table view draws the tables and fetches the arrangements", async () => {
  const store = createStore(defaultState());
  const api = fakeApi({ arrangements: { totaal: 0, samenwerkingsverbanden: [] } });
  const toolbar = recorder(["handle", "showView"]);
  const tables = fakeTables();
  const municipalities = recorder(["renderTable"]);
  const network = recorder(["renderTable"]);
  const map = { ...fakeMap(), invalidateSize: () => tables.calls.push(["invalidated"]) };
  const view = createView({ store, api, toolbar, tables, map, municipalities, network });
  await view.start(store.get());
  assert.deepEqual(toolbar.called("showView"), [[false]]);
  assert.equal(api.count("arrangements"), 0);
  toolbar.called("handle")[0][0].onView("tabel");
  await settle();
  assert.deepEqual(toolbar.called("showView").at(-1), [true]);
  assert.equal(municipalities.called("renderTable").length, 1);
  assert.equal(network.called("renderTable").length, 1);
  assert.deepEqual(tables.called("arrangements"), [[{ totaal: 0, samenwerkingsverbanden: [] }]]);
  store.update({ filters: { ...emptyFilters(), verplicht: "true" } });
  await settle();
  assert.equal(api.count("arrangements"), 2);
});

test("the toolbar: downloads carry the filters and the threshold; the link is copied", async () => {
  const store = createStore(defaultState());
  const toolbar = recorder([
    "handle",
    "setExports",
    "setShareUrl",
    "setSaveUrl",
    "setContext",
    "download",
    "notice",
  ]);
  const api = {
    exportUrl: (resource, format, filters, extra) =>
      `${resource}.${format}?${JSON.stringify(extra)}${filters.thema}`,
  };
  const copied = [];
  const announced = [];
  const actions = createToolbarActions({
    store,
    api,
    toolbar,
    strings,
    config: { attribution: "CBS", today: "2026-12-06", savedMapsUrl: "/kaarten" },
    location: { origin: "https://atlas.example", pathname: "/" },
    announce: (text) => announced.push(text),
    copy: async (text) => copied.push(text),
    print() {},
    title: () => "Kaart",
    mapAsPng: async () => {
      throw new Error("tainted canvas");
    },
  });
  await actions.start(store.get());
  store.update({ drempel: 7, filters: { ...emptyFilters(), thema: ["afval"] } });
  const hrefOf = toolbar.called("setExports").at(-1)[0];
  assert.equal(hrefOf("netwerk", "csv"), 'netwerk.csv?{"minimaalGedeeld":7}afval');
  // the municipalities' counts as on the map: cooperations only, unless the switch says all
  assert.equal(hrefOf("gemeenten", "csv"), 'gemeenten.csv?{"zonderIndeling":"true"}afval');
  const { onShare, onPng } = toolbar.called("handle")[0][0];
  await onShare();
  assert.deepEqual(copied, ["https://atlas.example/?thema=afval&drempel=7"]);
  assert.deepEqual(toolbar.called("setShareUrl"), [[copied[0]]]);
  await onPng();
  assert.deepEqual(announced, ["Gekopieerd", "Geen PNG"]);
  assert.deepEqual(toolbar.called("notice"), [["Geen PNG"]]);
  // "save this map" and the printed context follow the state
  assert.deepEqual(toolbar.called("setSaveUrl").at(-1), [
    "/kaarten?toestand=thema%3Dafval%26drempel%3D7",
  ]);
  assert.equal(toolbar.called("setContext").at(-1)[0].length, 4);
  store.update({ telling: "alles" });
  assert.equal(toolbar.called("setExports").at(-1)[0]("gemeenten", "csv"), "gemeenten.csv?{}afval");
});

test("the sidebar writes the forms into the store and searches names", async () => {
  const store = createStore(defaultState());
  const filterForm = recorder(["handle", "write", "writeLayers"]);
  const search = recorder(["handle", "refresh"]);
  const selection = recorder(["selectMunicipality", "selectArrangement"]);
  const rows = [[3, "gr-west", "GR West", "", []]];
  const index = createArrangementIndex("/zoekindex?versie=1", {
    fetch: async (url) => ({
      ok: true,
      json: async () => (url.startsWith("/zoekindex") ? rows : []),
    }),
  });
  const announced = [];
  const sidebar = createSidebar({
    store,
    filterForm,
    search,
    selection,
    municipalities: { list: () => [{ code: "GM1", naam: "Een" }] },
    arrangementIndex: index,
    announce: (text) => announced.push(text),
    strings,
  });
  await sidebar.start(store.get());
  assert.deepEqual(filterForm.called("write"), [[store.get().filters]]);
  const form = filterForm.called("handle")[0][0];
  form.onChange({ ...emptyFilters(), verplicht: "true" });
  form.onLayers({ lagen: ["gemeenten"], stijl: "thema", drempel: 3, run: "" });
  assert.equal(store.get().filters.verplicht, "true");
  assert.deepEqual(
    [store.get().lagen, store.get().stijl, store.get().drempel],
    [["gemeenten"], "thema", 3],
  );
  assert.deepEqual(announced, ["Toegepast"]);
  const box = search.called("handle")[0][0];
  box.onSearch("West");
  assert.equal(store.get().filters.zoek, "West");
  assert.equal(store.get().filters.verplicht, "true");
  box.onArrangement("3");
  assert.deepEqual(selection.called("selectArrangement"), [["3"]]);
  // the arrangement index comes on the first focus of the search box; the box suggests again
  assert.deepEqual(box.sources.arrangements(), []);
  await box.onFocus();
  assert.deepEqual(box.sources.arrangements(), rows);
  assert.equal(search.called("refresh").length, 1);
});
