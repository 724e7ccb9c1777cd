// Controller helpers shared by the map layers: is a layer on, and keep it on the map or off.
// Pure: the map is whatever object has hasLayer/addLayer/removeLayer (Leaflet's, or a fake).

export const isOn = (state, key) => state.lagen.includes(key);

/** Add ``layer`` to ``map`` or take it off, as ``wanted`` says. */
export function showLayer(map, layer, wanted) {
  if (!layer) return;
  if (wanted && !map.hasLayer(layer)) map.addLayer(layer);
  if (!wanted && map.hasLayer(layer)) map.removeLayer(layer);
}

/** Did any of ``keys`` change? */
export const anyChanged = (changed, ...keys) => keys.some((key) => changed.has(key));
