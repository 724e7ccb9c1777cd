// Controller of the overlappendeken: the footprints' vector tiles follow the filters (in
// their URL) and the colour style; the legend lists families or the chosen themes.
import { footprintLegend } from "../data/legends.js";
import { isOn, showLayer } from "./layers.js";

const KEY = "gebieden";

/** The themes in the legend: the chosen ones, else all of them. */
export const legendThemes = (state, themeNames) =>
  state.filters.thema.length ? state.filters.thema : Object.keys(themeNames);

export function createFootprints({ store, api, map, layer, legend, strings, config }) {
  const colours = {
    familyColours: config.familyColours,
    families: config.families,
    themeNames: config.themes,
    kindColours: config.kindColours,
    kinds: config.kinds,
  };

  function showLegend(state) {
    if (layer && isOn(state, KEY)) {
      legend.set(
        KEY,
        footprintLegend(state.stijl, legendThemes(state, config.themes), colours, strings),
      );
    } else legend.clear(KEY);
  }

  function update(state) {
    if (!layer) return;
    layer.setUrl(api.tileUrl("samenwerkingsverbanden", state.filters));
    layer.setMode(state.stijl);
  }

  store.subscribe((state, changed) => {
    if (changed.has("filters") || changed.has("stijl")) update(state);
    if (changed.has("lagen")) showLayer(map, layer?.layer, isOn(state, KEY));
    if (["filters", "stijl", "lagen"].some((key) => changed.has(key))) showLegend(state);
  });

  return {
    start(state) {
      update(state);
      showLayer(map, layer?.layer, isOn(state, KEY));
      showLegend(state);
      return Promise.resolve();
    },
    /** Resolves when the visible tiles have been drawn. */
    ready: () => (layer ? layer.ready() : Promise.resolve()),
  };
}
