// Data module: the state of the atlas and the one store that holds it. Controllers subscribe
// to the store and change it with update(); the URL follows it (permalink.js). No DOM, no
// Leaflet.
import { emptyFilters } from "./filters.js";

export const LAYERS = ["gemeenten", "provincies", "gebieden", "netwerk", "bre"];
export const DEFAULT_LAYERS = ["gemeenten", "provincies"];
export const DEFAULT_THRESHOLD = 5;
/** The display modes of the footprints ("Weergave"); the first is the default. */
export const MODES = ["grenzen", "overlap", "vlak"];

export function defaultState() {
  return {
    weergave: "kaart", // kaart | tabel
    lagen: [...DEFAULT_LAYERS],
    filters: emptyFilters(),
    stijl: "familie", // footprint colours in the mode "vlak": familie | thema
    modus: "grenzen", // how footprints are drawn: grenzen (outlines) | overlap | vlak (fills)
    drempel: DEFAULT_THRESHOLD, // network: minimum shared arrangements
    run: "", // BRE run id ("" = the default run)
    telling: "samenwerking", // counts of the choropleth: samenwerking (cooperations) | alles
    selectie: "", // "gm:GM0344" | "sv:123" | ""
    punt: "", // "lon,lat" of "what is here?"
    groep: "thema", // grouping of the "what is here?" list: thema | rechtsvorm
    kaart: "", // "zoom/lat/lon"
  };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The store: get(), update(patch), subscribe(listener(state, changedKeys)). An update that
 *  changes nothing notifies nobody; listeners run in the order they subscribed. */
export function createStore(initial) {
  let state = initial;
  const listeners = [];
  return {
    get: () => state,
    update(patch) {
      const changed = Object.keys(patch).filter((key) => !same(state[key], patch[key]));
      if (!changed.length) return;
      state = { ...state, ...patch };
      const keys = new Set(changed);
      for (const listener of listeners) listener(state, keys);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}
