import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, createApi, propertiesOf, rowsOf } from "../../static/atlas/data/api.js";
import { emptyFilters } from "../../static/atlas/data/filters.js";

/** A fetch that answers ``status`` with ``body`` and records [url, options]. */
function fakeFetch(status = 200, body = {}) {
  const calls = [];
  const fetch = async (url, options) => {
    calls.push([url, options]);
    return { status, ok: status >= 200 && status < 300, json: async () => body };
  };
  return { fetch, calls };
}

const filters = { ...emptyFilters(), thema: ["afval"], zoek: "West", peildatum: "2020-01-01" };

test("municipalities: GeoJSON with the filters but not the name search", async () => {
  const { fetch, calls } = fakeFetch(200, { type: "FeatureCollection", features: [] });
  const api = createApi("/api/v1/", { fetch });
  await api.municipalities(filters);
  const [url, options] = calls[0];
  assert.equal(
    url,
    "/api/v1/gemeenten?thema=afval&peildatum=2020-01-01&paginaGrootte=500&formaat=geojson",
  );
  assert.equal(options.headers.Accept, "application/geo+json");
  await api.municipalities(filters, { geometry: false });
  assert.match(calls[1][0], /geometrie=false/);
  assert.equal(calls[1][1].headers.Accept, "application/json");
});

test("answers are cached by address", async () => {
  const { fetch, calls } = fakeFetch(200, { "bre-analyses": [] });
  const api = createApi("/api/v1/", { fetch });
  const first = await api.breRuns();
  const second = await api.breRuns();
  assert.equal(calls.length, 1);
  assert.equal(first, second);
});

test("an error answer raises ApiError with its status; 204 is null", async () => {
  const api = createApi("/api/v1/", { fetch: fakeFetch(409).fetch });
  await assert.rejects(api.breClusters(3), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 409);
    return true;
  });
  assert.equal(await createApi("/api/v1/", { fetch: fakeFetch(204).fetch }).breRuns(), null);
});

test("paths escape their ids; 'what is here' sends five decimals", async () => {
  const { fetch, calls } = fakeFetch();
  const api = createApi("/api/v1/", { fetch });
  await api.municipality("GM 1", emptyFilters());
  await api.here(5.123456789, 52.1, emptyFilters());
  await api.arrangement(12, filters);
  assert.equal(calls[0][0], "/api/v1/gemeenten/GM%201?geometrie=false");
  assert.equal(calls[1][0], "/api/v1/locaties/samenwerkingsverbanden?lon=5.12346&lat=52.10000");
  assert.equal(
    calls[2][0],
    "/api/v1/samenwerkingsverbanden/12?peildatum=2020-01-01&geometrieDetail=vereenvoudigd&formaat=geojson",
  );
});

test("tile and download addresses carry the filters", () => {
  const api = createApi("/api/v1/", { fetch: fakeFetch().fetch });
  assert.equal(
    api.tileUrl("samenwerkingsverbanden", filters),
    "/api/v1/tegels/samenwerkingsverbanden/{z}/{x}/{y}?thema=afval&peildatum=2020-01-01&zoek=West",
  );
  assert.equal(
    api.tileUrl("samenwerkingsverbanden", emptyFilters()),
    "/api/v1/tegels/samenwerkingsverbanden/{z}/{x}/{y}",
  );
  assert.equal(
    api.exportUrl("netwerk", "csv", filters, { minimaalGedeeld: 4 }),
    "/api/v1/netwerk?thema=afval&peildatum=2020-01-01&zoek=West&minimaalGedeeld=4&formaat=csv&paginaGrootte=10000",
  );
  assert.doesNotMatch(api.exportUrl("gemeenten", "xlsx", filters), /zoek=/);
});

test("rows of a JSON list by its name, properties of a collection", () => {
  assert.deepEqual(rowsOf({ totaal: 1, gemeenten: [{ code: "GM1" }] }, "gemeenten"), [
    { code: "GM1" },
  ]);
  assert.deepEqual(rowsOf(null, "gemeenten"), []);
  assert.deepEqual(rowsOf({ totaal: 0, anders: [1] }, "gemeenten"), []);
  assert.deepEqual(propertiesOf({ features: [{ properties: { a: 1 } }] }), [{ a: 1 }]);
});

test("municipalities: counting cooperations only leaves out the official divisions' regions", async () => {
  const { fetch, calls } = fakeFetch(200, { type: "FeatureCollection", features: [] });
  const api = createApi("/api/v1/", { fetch });
  await api.municipalities(filters, { telling: "samenwerking" });
  assert.match(calls[0][0], /zonderIndeling=true/);
  // unless the filters choose divisions themselves
  await api.municipalities({ ...filters, indeling: "ggds" }, { telling: "samenwerking" });
  assert.doesNotMatch(calls[1][0], /zonderIndeling/);
  await api.municipalities(filters, { telling: "alles" });
  assert.doesNotMatch(calls[2][0], /zonderIndeling/);
});

test("a request in flight is shared: asked twice before it answers, fetched once", async () => {
  const calls = [];
  const answers = [];
  const fetch = (url) => {
    calls.push(url);
    return new Promise((resolve) => answers.push(resolve));
  };
  const api = createApi("/api/v1/", { fetch });
  const first = api.provinces();
  const second = api.provinces();
  assert.equal(calls.length, 1);
  answers[0]({ status: 200, ok: true, json: async () => ({ features: [] }) });
  assert.equal(await first, await second);
});

test("a failed request is forgotten: the next ask fetches again", async () => {
  const { fetch, calls } = fakeFetch(500);
  const api = createApi("/api/v1/", { fetch });
  await assert.rejects(api.breRuns());
  await assert.rejects(api.breRuns());
  assert.equal(calls.length, 2);
});
