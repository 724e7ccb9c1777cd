// Controller of the country (filter `land`): switching between the Netherlands and Flanders
// moves the map to the chosen country; every layer follows the filter by itself.

export function createCountry({ store, map, fitCountry }) {
  const shown = { land: store.get().filters.land };
  store.subscribe((state, changed) => {
    if (!changed.has("filters") || state.filters.land === shown.land) return;
    shown.land = state.filters.land;
    fitCountry(map, shown.land);
  });
  return { start: () => Promise.resolve() };
}
