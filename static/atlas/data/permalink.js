// Data module: the permalink. The query string holds the whole state of the atlas; the
// address bar follows every change of the store. No DOM rendering, no Leaflet.
import { FILTER_KEYS, filterParams, LIST_KEYS } from "./filters.js";
import { defaultState, LAYERS, MODES } from "./state.js";

const TEXT_KEYS = ["run", "selectie", "punt", "kaart"];
/** Keys with one value other than the default: that value is taken, anything else ignored. */
const OTHER_VALUE = { weergave: "tabel", stijl: "thema", groep: "rechtsvorm", telling: "alles" };
const KEPT_KEYS = [
  "modus",
  "stijl",
  "drempel",
  "run",
  "selectie",
  "punt",
  "groep",
  "kaart",
  "telling",
];

function splitList(value) {
  return (value || "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** ``value`` when it is one of ``values``, else ``fallback``. */
const oneOf = (value, values, fallback) => (values.includes(value) ? value : fallback);

/** A state from a query string (unknown keys and values are ignored). */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = defaultState();
  for (const key of FILTER_KEYS) {
    if (!params.has(key)) continue;
    state.filters[key] = LIST_KEYS.has(key)
      ? splitList(params.getAll(key).join(","))
      : params.get(key);
  }
  if (params.has("lagen")) {
    state.lagen = splitList(params.get("lagen")).filter((l) => LAYERS.includes(l));
  }
  for (const [key, value] of Object.entries(OTHER_VALUE)) {
    if (params.get(key) === value) state[key] = value;
  }
  state.modus = oneOf(params.get("modus"), MODES, state.modus);
  const threshold = Number.parseInt(params.get("drempel") || "", 10);
  if (threshold >= 1 && threshold <= 200) state.drempel = threshold;
  for (const key of TEXT_KEYS) {
    if (params.get(key)) state[key] = params.get(key);
  }
  return state;
}

/** The query string of a state: only what differs from the defaults. */
export function serializeState(state) {
  const params = new URLSearchParams();
  const defaults = defaultState();
  if (state.weergave !== defaults.weergave) params.set("weergave", state.weergave);
  if (state.lagen.join(",") !== defaults.lagen.join(",")) {
    params.set("lagen", state.lagen.join(",") || "-");
  }
  for (const [key, value] of Object.entries(filterParams(state.filters))) params.set(key, value);
  for (const key of KEPT_KEYS) {
    if (String(state[key]) !== String(defaults[key])) params.set(key, state[key]);
  }
  return params.toString();
}

/** The full address of a state on the page at ``location``. */
export function permalink(state, location) {
  const query = serializeState(state);
  return location.origin + location.pathname + (query ? `?${query}` : "");
}

/** Keep the address bar equal to the store's permalink (history.replaceState: no new entry). */
export function followInUrl(store, { location, history }) {
  store.subscribe((state) => {
    const query = serializeState(state);
    const url = location.pathname + (query ? `?${query}` : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(null, "", url);
    }
  });
}

/** "lon,lat" as {lon, lat}, or null. */
export function parsePoint(value) {
  const [lon, lat] = (value || "").split(",").map(Number);
  return Number.isFinite(lon) && Number.isFinite(lat) ? { lon, lat } : null;
}

/** A point as "lon,lat", rounded to 5 decimals (about a metre). */
export function formatPoint(lon, lat) {
  const round = (value) => Math.round(value * 100000) / 100000;
  return `${round(lon)},${round(lat)}`;
}
