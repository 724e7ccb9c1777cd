// Data module: the state of the atlas and its permalink (the query string holds all of it).
// No DOM rendering and no Leaflet here.

export const FILTER_KEYS = [
  "thema", "rechtsvormFamilie", "rechtsvorm", "verplicht", "indeling", "zonderIndeling",
  "provincie", "peildatum", "zoek",
];
const LIST_KEYS = new Set(["thema", "rechtsvormFamilie", "rechtsvorm"]);
export const LAYERS = ["gemeenten", "provincies", "gebieden", "netwerk", "bre"];
export const DEFAULT_LAYERS = ["gemeenten", "provincies"];
export const DEFAULT_THRESHOLD = 5;

export function emptyFilters() {
  return { thema: [], rechtsvormFamilie: [], rechtsvorm: [], verplicht: "", indeling: "",
    zonderIndeling: "", provincie: "", peildatum: "", zoek: "" };
}

export function defaultState() {
  return {
    weergave: "kaart",            // kaart | tabel
    lagen: [...DEFAULT_LAYERS],
    filters: emptyFilters(),
    stijl: "familie",             // footprint colours: familie | thema
    drempel: DEFAULT_THRESHOLD,   // network: minimum shared arrangements
    run: "",                      // BRE run id ("" = the default run)
    selectie: "",                 // "gm:GM0344" | "sv:123" | ""
    punt: "",                     // "lon,lat" of "what is here?"
    groep: "thema",               // grouping of the "what is here?" list: thema | rechtsvorm
    kaart: "",                    // "zoom/lat/lon"
  };
}

function splitList(value) {
  return (value || "").split(",").map((v) => v.trim()).filter(Boolean);
}

/** Parse a query string into a state (unknown keys are ignored). */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = defaultState();
  for (const key of FILTER_KEYS) {
    if (!params.has(key)) continue;
    state.filters[key] = LIST_KEYS.has(key) ? splitList(params.getAll(key).join(",")) : params.get(key);
  }
  if (params.has("lagen")) state.lagen = splitList(params.get("lagen")).filter((l) => LAYERS.includes(l));
  if (params.get("weergave") === "tabel") state.weergave = "tabel";
  if (params.get("stijl") === "thema") state.stijl = "thema";
  const threshold = parseInt(params.get("drempel") || "", 10);
  if (threshold >= 1 && threshold <= 200) state.drempel = threshold;
  for (const key of ["run", "selectie", "punt", "kaart"]) {
    if (params.get(key)) state[key] = params.get(key);
  }
  if (params.get("groep") === "rechtsvorm") state.groep = "rechtsvorm";
  return state;
}

/** The query string of a state: only what differs from the defaults. */
export function serializeState(state) {
  const params = new URLSearchParams();
  const defaults = defaultState();
  if (state.weergave !== defaults.weergave) params.set("weergave", state.weergave);
  if (state.lagen.join(",") !== defaults.lagen.join(",")) params.set("lagen", state.lagen.join(",") || "-");
  for (const [key, value] of Object.entries(filterParams(state.filters))) params.set(key, value);
  for (const key of ["stijl", "drempel", "run", "selectie", "punt", "groep", "kaart"]) {
    if (String(state[key]) !== String(defaults[key])) params.set(key, state[key]);
  }
  return params.toString();
}

/** The shared arrangement filters as API query parameters (lists comma-joined). */
export function filterParams(filters) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(",");
    } else if (value !== "" && value !== null && value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

/** A small store: get(), update(patch), subscribe(fn(state, changedKeys)). Every update
 *  replaces the URL (history.replaceState), so the address bar is always a permalink. */
export function createStore(initial, { location = window.location, history = window.history } = {}) {
  let state = initial;
  const listeners = [];
  function writeUrl() {
    const query = serializeState(state);
    const url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
  }
  return {
    get: () => state,
    update(patch) {
      const changed = Object.keys(patch).filter((k) => JSON.stringify(state[k]) !== JSON.stringify(patch[k]));
      if (!changed.length) return;
      state = { ...state, ...patch };
      writeUrl();
      for (const listener of listeners) listener(state, new Set(changed));
    },
    subscribe(listener) { listeners.push(listener); },
    url() { const q = serializeState(state); return location.origin + location.pathname + (q ? "?" + q : ""); },
  };
}
