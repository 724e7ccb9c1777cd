// The pure data modules: geometry, BRE runs and clusters, legends and colours.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createArrangementIndex, themesOf } from "../../static/atlas/data/arrangements.js";
import {
  chosenRunId,
  clusterStability,
  clusterTitle,
  defaultRun,
  finishedRuns,
  isUnstable,
  municipalityCluster,
  runChoice,
} from "../../static/atlas/data/bre.js";
import { breaks, categorical, SEQUENTIAL } from "../../static/atlas/data/colours.js";
import { featureAt } from "../../static/atlas/data/geo.js";
import { badgeOf, isOfficial } from "../../static/atlas/data/kinds.js";
import { createLatest } from "../../static/atlas/data/latest.js";
import {
  countLegend,
  footprintColour,
  footprintColours,
  footprintLegend,
  networkLegend,
} from "../../static/atlas/data/legends.js";
import { squares } from "./fakes.js";

test("the arrangement index: fetched once when asked, its themes filled in place", async () => {
  const asked = [];
  let fail = true;
  const rows = [
    [1, "a", "A", "", ["wonen", "afval"]],
    [2, "b", "B", "", []],
  ];
  const fetch = async (url, options) => {
    asked.push([url, options.headers.Accept]);
    return fail ? { ok: false, status: 503 } : { ok: true, json: async () => rows };
  };
  const index = createArrangementIndex("/zoekindex?versie=7", { fetch });
  const { themeOf } = index;
  const heard = [];
  index.onLoad((loaded) => heard.push(loaded.length));
  assert.deepEqual([index.rows(), asked], [[], []]);
  await assert.rejects(index.load(), /503/);
  fail = false; // a failure is not kept: the next load asks again
  assert.deepEqual(await index.load(), rows);
  await index.load();
  assert.deepEqual(asked, [
    ["/zoekindex?versie=7", "application/json"],
    ["/zoekindex?versie=7", "application/json"],
  ]);
  assert.deepEqual([index.rows(), heard], [rows, [2]]);
  assert.equal(index.themeOf, themeOf);
  assert.deepEqual([...themeOf], [...themesOf(rows)]);
  assert.deepEqual(
    [...themeOf],
    [
      [1, "wonen"],
      [2, undefined],
    ],
  );
});

const strings = {
  run: "Berekening",
  clusters: "Clusters",
  cluster: "Cluster",
  stability: "Stabiliteit",
  count: "Aantal",
  byTheme: "Per thema",
  byFamily: "Per familie",
  shared: "Gedeeld",
  bre: "BRE",
};

test("featureAt finds the (multi)polygon under a point, not in its hole", () => {
  const collection = squares([
    ["GM1", 0, 0, 1],
    ["GM2", 1, 0, 1],
  ]);
  assert.equal(featureAt(collection, 0.5, 0.5).properties.code, "GM1");
  assert.equal(featureAt(collection, 1.5, 0.5).properties.code, "GM2");
  assert.equal(featureAt(collection, 5, 5), null);
  const donut = {
    features: [
      {
        properties: { code: "GM3" },
        geometry: {
          type: "MultiPolygon",
          coordinates: [
            [
              [
                [0, 0],
                [4, 0],
                [4, 4],
                [0, 4],
                [0, 0],
              ],
              [
                [1, 1],
                [3, 1],
                [3, 3],
                [1, 3],
                [1, 1],
              ],
            ],
          ],
        },
      },
    ],
  };
  assert.equal(featureAt(donut, 0.5, 0.5).properties.code, "GM3");
  assert.equal(featureAt(donut, 2, 2), null);
  assert.equal(featureAt(null, 0, 0), null);
});

// Runs as /api/v1/bre-analyses lists them (atlas_api/views/bre.py: _run_row), newest first.
const RUNS = [
  { id: 9, status: "wachtrij", standaard: false, klaarOp: null, aantalClusters: null },
  {
    id: 8,
    status: "klaar",
    standaard: false,
    klaarOp: "2025-03-02T10:00:00+01:00",
    aantalClusters: 30,
  },
  {
    id: 7,
    status: "klaar",
    standaard: true,
    klaarOp: "2025-03-01T10:00:00+01:00",
    aantalClusters: 33,
  },
  {
    id: 6,
    status: "mislukt",
    standaard: false,
    klaarOp: "2025-02-01T10:00:00+01:00",
    aantalClusters: null,
  },
];

test("only finished runs are offered; the default run is the one marked standaard", () => {
  const runs = finishedRuns(RUNS);
  assert.deepEqual(
    runs.map((r) => r.id),
    [8, 7],
  );
  assert.equal(defaultRun(runs).id, 7);
  assert.equal(defaultRun([RUNS[1]]).id, 8, "else the newest");
  assert.equal(defaultRun([]), null);
  assert.equal(chosenRunId(runs, ""), "7");
  assert.equal(chosenRunId(runs, "8"), "8");
  assert.equal(chosenRunId([], ""), "");
});

test("a run's choice names its date, its clusters and whether it is the default", () => {
  assert.deepEqual(runChoice(RUNS[2], strings), {
    value: "7",
    label: "Berekening 7 (2025-03-01, 33 clusters) ★",
  });
  assert.equal(
    runChoice({ id: 3, status: "klaar", standaard: false }, strings).label,
    "Berekening 3",
  );
});

test("clusters: stability from stabiliteitGemiddeld; unstable below 0.7", () => {
  const stable = { nummer: 1, label: "West", stabiliteitGemiddeld: 0.95 };
  const unstable = { nummer: 2, label: "Oost", stabiliteitGemiddeld: 0.55 };
  assert.equal(clusterStability(stable), 0.95);
  assert.equal(clusterStability({ nummer: 3, label: "Noord" }), null);
  assert.equal(isUnstable(stable), false);
  assert.equal(isUnstable(unstable), true);
  assert.equal(isUnstable({ nummer: 3, label: "Noord" }), false);
  assert.equal(clusterTitle(unstable, strings), "Oost · Stabiliteit: 0.55");
  assert.equal(clusterTitle({ label: "Noord" }, strings), "Noord");
});

test("a municipality's cluster line uses clusterLabel and stabiliteit", () => {
  const row = { code: "GM0344", cluster: 4, clusterLabel: "Utrecht e.o.", stabiliteit: 0.875 };
  assert.equal(municipalityCluster(row, strings, "nl"), "Cluster Utrecht e.o. · Stabiliteit 0,88");
});

test("count legend: quantile classes as ranges", () => {
  const upper = breaks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(upper, [1, 3, 5, 7, 9]);
  const legend = countLegend(upper, strings);
  assert.deepEqual(
    legend.items.map((i) => i.label),
    ["0–1", "2–3", "4–5", "6–7", "8–9"],
  );
  assert.equal(legend.items[0].swatch.fill, SEQUENTIAL[0]);
  assert.deepEqual(
    countLegend([4], strings).items.map((i) => [i.label, i.swatch.fill]),
    [["0–4", SEQUENTIAL[4]]],
  );
});

test("footprints are coloured by family, or by their first theme", () => {
  const config = {
    familyColours: { wgr: "#154273", netwerk: "#39870c" },
    themes: { afval: "Afval", wonen: "Wonen" },
  };
  const colours = footprintColours(
    config,
    themesOf([
      [1, "a", "A", "", ["wonen", "afval"]],
      [2, "b", "B", "", []],
    ]),
  );
  assert.equal(footprintColour({ id: 1, rechtsvormFamilie: "wgr" }, "familie", colours), "#154273");
  assert.equal(footprintColour({ id: 1, rechtsvormFamilie: "x" }, "familie", colours), "#666666");
  assert.equal(footprintColour({ id: "1" }, "thema", colours), categorical(1));
  assert.equal(footprintColour({ id: 2 }, "thema", colours), "#666666");
  const legend = footprintLegend(
    "thema",
    ["afval"],
    { ...config, families: {}, themeNames: config.themes },
    strings,
  );
  assert.deepEqual(legend.items, [{ swatch: { fill: categorical(0) }, label: "Afval" }]);
  assert.equal(legend.columns, true);
});

test("network legend: from the threshold (or the weakest pair) to the strongest", () => {
  const legend = networkLegend([3, 12], 5, strings);
  assert.deepEqual(
    legend.items.map((i) => i.label),
    ["5", "12"],
  );
  assert.equal(networkLegend([7, 12], 5, strings).items[0].label, "7");
});

test("only the latest request of a kind is wanted", () => {
  const latest = createLatest();
  const first = latest.begin();
  assert.equal(first(), true);
  const second = latest.begin();
  assert.equal(first(), false);
  assert.equal(second(), true);
});

test("count legend: with the number of municipalities per class and a title", () => {
  const legend = countLegend(
    [6, 7, 9],
    { ...strings, classCount: "%(n)s gemeenten" },
    {
      sizes: [73, 62, 90],
      title: "Samenwerking",
    },
  );
  assert.equal(legend.title, "Samenwerking");
  assert.deepEqual(
    legend.items.map((i) => i.label),
    ["0–6 (73 gemeenten)", "7 (62 gemeenten)", "8–9 (90 gemeenten)"],
  );
});

test("regions of the Rijk's and statistical divisions are coloured and badged by their kind", () => {
  const config = {
    familyColours: { wgr: "#154273", netwerk: "#2f7d32" },
    kindColours: { rijksindeling: "#5c3d7a", statistisch: "#595959" },
    families: { wgr: "Wgr (gemeenschappelijke regeling)", netwerk: "Netwerk (geen rechtspersoon)" },
    kinds: { rijksindeling: "Indeling van het Rijk", statistisch: "Statistische indeling" },
    themes: {},
  };
  const colours = footprintColours(config);
  const police = { id: 1, rechtsvormFamilie: "netwerk", soort: "rijksindeling" };
  assert.equal(footprintColour(police, "familie", colours), "#5c3d7a");
  const corop = { id: 2, rechtsvormFamilie: "netwerk", soort: "statistisch" };
  assert.equal(footprintColour(corop, "familie", colours), "#595959");
  const vr = { id: 3, rechtsvormFamilie: "wgr", soort: "samenwerking" };
  assert.equal(footprintColour(vr, "familie", colours), "#154273");
  assert.deepEqual(badgeOf(police, config), {
    css: "rijksindeling",
    label: "Indeling van het Rijk",
  });
  assert.deepEqual(badgeOf(vr, config), { css: "wgr", label: "Wgr" });
  assert.deepEqual(badgeOf({ rechtsvormFamilie: "netwerk" }, config), {
    css: "netwerk",
    label: "Netwerk",
  });
  assert.equal(isOfficial(corop), true);
  assert.equal(isOfficial(vr), false);
  const legend = footprintLegend("familie", [], { ...config, themeNames: {} }, strings);
  assert.deepEqual(
    legend.items.map((item) => item.label),
    [
      "Wgr (gemeenschappelijke regeling)",
      "Netwerk (geen rechtspersoon)",
      "Indeling van het Rijk",
      "Statistische indeling",
    ],
  );
});
