// The display modes of the overlappendeken (controllers/footprints.js): outlines from the
// server's colouring in "grenzen" and "overlap", fills in "vlak" and as the fallback.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createFootprints, zoomBand } from "../../static/atlas/controllers/footprints.js";
import { createStore, defaultState } from "../../static/atlas/data/state.js";
import { fakeApi, fakeLegend, fakeMap, recorder, settle } from "./fakes.js";

const strings = { byFamily: "Per familie", byTheme: "Per thema", loadError: "Fout" };
const setUp = (state) => ({ store: createStore(state), map: fakeMap(), legend: fakeLegend() });

test("the zoom band of the outlines is the whole zoom within 5-14", () => {
  assert.deepEqual([3, 7.5, 9, 18].map(zoomBand), [5, 7, 9, 14]);
});

const colouring = (geometry) => ({
  type: "FeatureCollection",
  features: [
    {
      properties: {
        id: 1,
        naam: "Regio Noord",
        korteNaam: "Noord",
        kleurcode: "#0072B2",
        streepjes: null,
      },
      geometry,
    },
    {
      properties: {
        id: 2,
        naam: "Regio Zuid",
        korteNaam: null,
        kleurcode: "#D55E00",
        streepjes: "8 4",
      },
      geometry,
    },
  ],
});

test("footprints: 'grenzen' draws the server's colouring as outlines, legend items highlight", async () => {
  const square = { type: "Polygon", coordinates: [] };
  const api = {
    ...fakeApi({ colouring: colouring(square), arrangements: { totaal: 2 } }),
    tileUrl: () => "tiles",
  };
  const ctx = setUp({ ...defaultState(), lagen: ["gebieden"] });
  const layer = recorder(["setUrl", "setMode", "setCount"]);
  layer.layer = { name: "vlakken" };
  const outlines = recorder(["setData", "setZoom", "highlight"]);
  outlines.layer = { name: "grenzen" };
  const said = [];
  const strings2 = { ...strings, outlines: "Grenzen", coloursReused: "Gestreept" };
  const controller = createFootprints({
    ...ctx,
    api,
    layer,
    outlines,
    strings: strings2,
    config: { themes: {}, familyColours: {}, families: {} },
    announce: (text) => said.push(text),
  });
  await controller.start(ctx.store.get());
  assert.deepEqual(api.calls.at(-1).slice(0, 1), ["colouring"]);
  assert.equal(api.calls.at(-1)[2], 7); // the map's zoom band
  assert.ok(ctx.map.hasLayer(outlines.layer));
  assert.ok(!ctx.map.hasLayer(layer.layer));
  const section = ctx.legend.sections.get("gebieden");
  assert.equal(section.note, "Gestreept");
  assert.deepEqual(
    section.items.map((item) => [item.label, item.target, item.swatch.dash]),
    [
      ["Noord", 1, false],
      ["Regio Zuid", 2, true],
    ],
  );
  ctx.legend.handlers.get("gebieden").onHighlight(2);
  assert.deepEqual(outlines.called("highlight").at(-1), [2]);
  assert.deepEqual(said, ["Regio Zuid"]);
  // "vlak" shows the fills again, with the fills' legend.
  ctx.store.update({ modus: "vlak" });
  await settle();
  assert.ok(ctx.map.hasLayer(layer.layer));
  assert.ok(!ctx.map.hasLayer(outlines.layer));
});

test("footprints: too many footprints for outlines (no geometry) fall back to fills", async () => {
  const api = {
    ...fakeApi({ colouring: colouring(null), arrangements: { totaal: 2 } }),
    tileUrl: () => "tiles",
  };
  const ctx = setUp({ ...defaultState(), lagen: ["gebieden"], modus: "overlap" });
  const layer = recorder(["setUrl", "setMode", "setCount"]);
  layer.layer = { name: "vlakken" };
  const outlines = recorder(["setData", "setZoom", "highlight"]);
  outlines.layer = { name: "grenzen" };
  const notices = [];
  const toolbar = { notice: (text) => notices.push(text) };
  const config = { themes: {}, familyColours: {}, families: {} };
  const controller = createFootprints({
    ...ctx,
    api,
    layer,
    outlines,
    toolbar,
    strings: { ...strings, tooManyOutlines: "Te veel" },
    config,
  });
  await controller.start(ctx.store.get());
  assert.deepEqual(notices, ["Te veel"]);
  assert.ok(ctx.map.hasLayer(layer.layer));
  assert.ok(!ctx.map.hasLayer(outlines.layer));
});
