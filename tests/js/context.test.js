import assert from "node:assert/strict";
import { test } from "node:test";
import { mapContext } from "../../static/atlas/data/context.js";
import { defaultState } from "../../static/atlas/data/state.js";

const strings = {
  peildatum: "Peildatum",
  today: "vandaag",
  layers: "Kaartlagen",
  municipalities: "Gemeenten",
  provinces: "Provinciegrenzen",
  footprints: "Gebieden",
  network: "Netwerk",
  bre: "BRE",
  byFamily: "per rechtsvormfamilie",
  byTheme: "per thema",
  threshold: "Minimaal gedeeld",
  filters: "Filters",
  noFilters: "geen",
  themes: "Thema's",
  legalFormFamily: "Rechtsvormfamilie",
  legalForm: "Rechtsvorm",
  mandatory: "Verplicht",
  yes: "ja",
  no: "nee",
  division: "Indeling",
  province: "Provincie",
  search: "Zoekterm",
  sources: "Bronnen",
};
const config = {
  today: "2026-12-06",
  attribution: "CBS / PDOK",
  themes: { jeugd: "Jeugd" },
  families: { wgr: "Wgr" },
  provinces: { PV26: "Utrecht" },
  divisions: {},
  forms: {},
};

test("the default map states today, its layers, no filters and the sources", () => {
  assert.deepEqual(mapContext(defaultState(), { strings, config }), [
    "Peildatum: vandaag (2026-12-06)",
    "Kaartlagen: Gemeenten; Provinciegrenzen",
    "Filters: geen",
    "Bronnen: CBS / PDOK",
  ]);
});

test("filters, a peildatum and the drawing of the areas are named in words", () => {
  const state = defaultState();
  state.lagen = ["gebieden", "netwerk"];
  state.stijl = "thema";
  state.drempel = 7;
  Object.assign(state.filters, {
    thema: ["jeugd", "onbekend"],
    rechtsvormFamilie: ["wgr"],
    verplicht: "true",
    provincie: "PV26",
    peildatum: "2016-06-01",
    zoek: "regio",
  });
  const [day, layers, filters] = mapContext(state, { strings, config });
  assert.equal(day, "Peildatum: 2016-06-01");
  assert.equal(layers, "Kaartlagen: Gebieden; Netwerk; per thema; Minimaal gedeeld 7");
  assert.equal(
    filters,
    "Filters: Thema's: Jeugd, onbekend; Rechtsvormfamilie: Wgr; Verplicht: ja; Provincie: Utrecht; Zoekterm: “regio”",
  );
});
