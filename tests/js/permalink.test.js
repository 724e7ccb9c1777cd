import assert from "node:assert/strict";
import { test } from "node:test";
import {
  followInUrl,
  formatPoint,
  parsePoint,
  parseState,
  permalink,
  serializeState,
} from "../../static/atlas/data/permalink.js";
import { createStore, defaultState } from "../../static/atlas/data/state.js";

test("the default state has an empty query string", () => {
  assert.equal(serializeState(defaultState()), "");
  assert.deepEqual(parseState(""), defaultState());
});

test("a state survives the round trip through its query string", () => {
  const query =
    "weergave=tabel&lagen=gemeenten%2Cnetwerk&thema=afval%2Cwonen&verplicht=true&soort=rijksindeling%2Cstatistisch&peildatum=2020-01-01" +
    "&stijl=thema&drempel=4&run=7&selectie=sv%3A12&punt=5.1%2C52.1&groep=rechtsvorm&kaart=9%2F52.1%2F5.1";
  const state = parseState(query);
  assert.deepEqual(state.filters.thema, ["afval", "wonen"]);
  assert.deepEqual(state.filters.soort, ["rijksindeling", "statistisch"]);
  assert.deepEqual(state.lagen, ["gemeenten", "netwerk"]);
  assert.equal(state.drempel, 4);
  assert.equal(state.selectie, "sv:12");
  assert.deepEqual(parseState(serializeState(state)), state);
});

test("unknown keys and values are ignored", () => {
  const state = parseState("lagen=gemeenten,raster&weergave=3d&drempel=999&groep=x&onbekend=1");
  assert.deepEqual(state.lagen, ["gemeenten"]);
  assert.equal(state.weergave, "kaart");
  assert.equal(state.drempel, 5);
  assert.equal(state.groep, "thema");
});

test("repeated list parameters are joined; no layers at all is kept as '-'", () => {
  assert.deepEqual(parseState("thema=afval&thema=wonen,jeugd").filters.thema, [
    "afval",
    "wonen",
    "jeugd",
  ]);
  const none = { ...defaultState(), lagen: [] };
  assert.equal(serializeState(none), "lagen=-");
  assert.deepEqual(parseState(serializeState(none)).lagen, []);
});

test("the address bar follows the store without new history entries", () => {
  const location = { origin: "https://atlas.example", pathname: "/", search: "", hash: "#kaart" };
  const replaced = [];
  const history = {
    replaceState: (_data, _title, url) => {
      replaced.push(url);
      location.search = url.slice(1, url.indexOf("#"));
    },
  };
  const store = createStore(defaultState());
  followInUrl(store, { location, history });
  store.update({ drempel: 8 });
  store.update({ drempel: 8 });
  assert.deepEqual(replaced, ["/?drempel=8#kaart"]);
  assert.equal(permalink(store.get(), location), "https://atlas.example/?drempel=8");
});

test("points are 'lon,lat' rounded to five decimals", () => {
  assert.equal(formatPoint(5.1234567, 52.0987654), "5.12346,52.09877");
  assert.deepEqual(parsePoint("5.12346,52.09877"), { lon: 5.12346, lat: 52.09877 });
  assert.equal(parsePoint(""), null);
  assert.equal(parsePoint("a,b"), null);
});

test("the choropleth's counting is kept only when it counts everything", () => {
  assert.equal(defaultState().telling, "samenwerking");
  const state = parseState("telling=alles");
  assert.equal(state.telling, "alles");
  assert.equal(serializeState(state), "telling=alles");
  assert.equal(parseState("telling=iets").telling, "samenwerking");
});
