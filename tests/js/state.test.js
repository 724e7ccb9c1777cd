import assert from "node:assert/strict";
import { test } from "node:test";
import {
  emptyFilters,
  filterParams,
  municipalityFilterParams,
} from "../../static/atlas/data/filters.js";
import { createStore, defaultState } from "../../static/atlas/data/state.js";

test("the store notifies its listeners, in order, with the keys that changed", () => {
  const store = createStore(defaultState());
  const heard = [];
  store.subscribe((state, changed) => heard.push(["first", state.weergave, [...changed]]));
  store.subscribe((_state, changed) => heard.push(["second", [...changed]]));
  store.update({ weergave: "tabel", stijl: "familie" });
  assert.deepEqual(heard, [
    ["first", "tabel", ["weergave"]],
    ["second", ["weergave"]],
  ]);
  assert.equal(store.get().weergave, "tabel");
});

test("an update that changes nothing notifies nobody", () => {
  const store = createStore(defaultState());
  let calls = 0;
  store.subscribe(() => {
    calls += 1;
  });
  store.update({ lagen: ["gemeenten", "provincies"], filters: emptyFilters() });
  assert.equal(calls, 0);
  store.update({ filters: { ...emptyFilters(), thema: ["afval"] } });
  assert.equal(calls, 1);
});

test("an update replaces the state (listeners may keep the old one)", () => {
  const store = createStore(defaultState());
  const before = store.get();
  store.update({ drempel: 9 });
  assert.equal(before.drempel, 5);
  assert.equal(store.get().drempel, 9);
});

test("filters become API parameters: lists comma-joined, blanks left out", () => {
  const filters = { ...emptyFilters(), thema: ["afval", "wonen"], verplicht: "true", zoek: "GR" };
  assert.deepEqual(filterParams(filters), { thema: "afval,wonen", verplicht: "true", zoek: "GR" });
  assert.deepEqual(municipalityFilterParams(filters), { thema: "afval,wonen", verplicht: "true" });
  assert.deepEqual(filterParams(emptyFilters()), {});
});
