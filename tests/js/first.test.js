import assert from "node:assert/strict";
import { test } from "node:test";
import { createApi } from "../../static/atlas/data/api.js";
import { firstRequests } from "../../static/atlas/data/first.js";
import { parseState } from "../../static/atlas/data/permalink.js";

/** A fetch that records the addresses and never answers (requests stay in flight). */
function pendingFetch() {
  const calls = [];
  return { calls, fetch: (url) => calls.push(url) && new Promise(() => {}) };
}

test("the default view's first requests: municipalities with counts, BRE runs, provinces", () => {
  const { fetch, calls } = pendingFetch();
  firstRequests(createApi("/api/v1/", { fetch }), parseState(""));
  assert.deepEqual(calls, [
    "/api/v1/gemeenten?zonderIndeling=true&paginaGrootte=500&formaat=geojson",
    "/api/v1/bre-analyses?paginaGrootte=100",
    "/api/v1/provincies?formaat=geojson",
  ]);
});

test("the first requests are the ones the controllers then ask: no second fetch", () => {
  const { fetch, calls } = pendingFetch();
  const api = createApi("/api/v1/", { fetch });
  const state = parseState("?lagen=gemeenten,netwerk&thema=jeugd&drempel=3");
  firstRequests(api, state);
  const sent = calls.length;
  // as municipalities.js, bre.js and network.js ask at their start
  api.municipalities(state.filters, { telling: state.telling });
  api.breRuns();
  api.network(state.filters, state.drempel);
  assert.equal(calls.length, sent);
  assert.ok(calls.some((url) => url.startsWith("/api/v1/netwerk?thema=jeugd")));
  assert.ok(!calls.some((url) => url.startsWith("/api/v1/provincies")));
});
