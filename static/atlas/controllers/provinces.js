// Controller of the province boundaries: loaded once, the first time the layer is switched on.

import { provinceLegend } from "../data/legends.js";
import { isOn, showLayer } from "./layers.js";

const KEY = "provincies";

export function createProvinces({ store, api, map, layer, legend, strings }) {
  const cache = { loaded: false };

  async function load() {
    if (cache.loaded) return;
    cache.loaded = true;
    try {
      layer.setData(await api.provinces());
    } catch {
      cache.loaded = false;
    }
  }

  function sync(state) {
    const on = isOn(state, KEY);
    showLayer(map, layer.layer, on);
    if (on) legend.set(KEY, provinceLegend(strings));
    else legend.clear(KEY);
    return on ? load() : Promise.resolve();
  }

  store.subscribe((state, changed) => {
    if (changed.has("lagen")) sync(state);
  });

  return { start: sync };
}
