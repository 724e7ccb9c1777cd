// The pure parts of the rendering modules (no DOM needed): grouping in the panel, the search
// suggestions, the date slider's scale and the text templates.
import assert from "node:assert/strict";
import { test } from "node:test";
import { format } from "../../static/atlas/render/dom.js";
import { dateScale } from "../../static/atlas/render/filters.js";
import { groupRows } from "../../static/atlas/render/panel.js";
import { suggestionsFor } from "../../static/atlas/render/search.js";

const config = {
  families: { wgr: "Wgr (gemeenschappelijke regeling)", netwerk: "Netwerk" },
  themes: { afval: "Afval", wonen: "Wonen", jeugd: "Jeugd" },
};

test("the panel groups by theme (a row in each of its themes) or by family, biggest first", () => {
  const rows = [
    { id: 1, naam: "A", rechtsvormFamilie: "wgr", themas: ["afval", "wonen"] },
    { id: 2, naam: "B", rechtsvormFamilie: "netwerk", themas: ["wonen"] },
    { id: 3, naam: "C", rechtsvormFamilie: "netwerk", themas: [] },
  ];
  const byTheme = groupRows(rows, "thema", config, { noTheme: "Zonder thema" });
  assert.deepEqual(
    byTheme.map((g) => [g.label, g.rows.map((r) => r.id)]),
    [
      ["Wonen", [1, 2]],
      ["Afval", [1]],
      ["Zonder thema", [3]],
    ],
  );
  const byForm = groupRows(rows, "rechtsvorm", config, {});
  assert.deepEqual(
    byForm.map((g) => [g.label, g.rows.length]),
    [
      ["Netwerk", 2],
      ["Wgr (gemeenschappelijke regeling)", 1],
    ],
  );
});

test("grouped by legal form, the regions of official divisions are grouped by their kind", () => {
  const kinds = { ...config, kinds: { rijksindeling: "Indeling van het Rijk" } };
  const rows = [
    { id: 1, rechtsvormFamilie: "netwerk", soort: "rijksindeling", themas: [] },
    { id: 2, rechtsvormFamilie: "netwerk", soort: "rijksindeling", themas: [] },
    { id: 3, rechtsvormFamilie: "netwerk", soort: "samenwerking", themas: [] },
  ];
  assert.deepEqual(
    groupRows(rows, "rechtsvorm", kinds, {}).map((g) => [g.label, g.rows.length]),
    [
      ["Indeling van het Rijk", 2],
      ["Netwerk", 1],
    ],
  );
});

test("search suggestions: a name search first, then municipalities and arrangements", () => {
  const sources = {
    municipalities: () => [
      { code: "GM1", naam: "Westland" },
      { code: "GM2", naam: "Oost" },
    ],
    arrangements: () => [
      [3, "gr-west", "GR West", "GRW", []],
      [4, "x", "Veiligheidsregio", "VR West", []],
    ],
  };
  const strings = {
    suggestMunicipality: "gemeente",
    suggestArrangement: "verband",
    suggestSearch: "Zoek: %(q)s",
  };
  assert.deepEqual(suggestionsFor(" w ", sources, strings), []);
  const options = suggestionsFor(" West ", sources, strings);
  assert.deepEqual(
    options.map((o) => [o.kind, o.value, o.label]),
    [
      ["zoek", "West", "Zoek: West"],
      ["gemeente", "GM1", "Westland"],
      ["samenwerkingsverband", "3", "GR West"],
      ["samenwerkingsverband", "4", "Veiligheidsregio"],
    ],
  );
});

test("the date slider: 1 January of each year, then today", () => {
  const scale = dateScale([2015, 2016, 2017], "2017-06-01", "vandaag");
  assert.equal(scale.dayOf(0), "2015-01-01");
  assert.equal(scale.dayOf(3), "");
  assert.equal(scale.positionOf("2016-01-01"), 1);
  assert.equal(scale.positionOf(""), 3);
  assert.equal(scale.positionOf("1999-01-01"), 3);
  assert.equal(scale.label(0), "1-1-2015");
  assert.equal(scale.label(3), "vandaag (2017-06-01)");
});

test("templates are filled in as plain text", () => {
  assert.equal(format("%(n)s van %(total)s", { n: 5, total: 9 }), "5 van 9");
  assert.equal(format("<%(q)s>", { q: "<b>" }), "<<b>>", "text, not markup: the DOM escapes it");
});
