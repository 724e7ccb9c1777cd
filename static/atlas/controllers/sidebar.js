// Controller of the sidebar: the filter form and the layer form write into the store (and
// show the state of a permalink); the search box suggests municipalities and arrangements
// (those from the arrangement index, data/arrangements.js, once it has come), and Enter
// searches arrangement names.

export function createSidebar({
  store,
  filterForm,
  search,
  selection,
  municipalities,
  arrangementIndex,
  announce,
  strings,
}) {
  filterForm.handle({
    onChange(filters) {
      store.update({ filters });
      announce(strings.filtersApplied);
    },
    onLayers: (values) => store.update(values),
  });
  search.handle({
    sources: { municipalities: municipalities.list, arrangements: arrangementIndex.rows },
    // the index is loaded after the map is interactive, or now if the box is quicker
    onFocus: () => arrangementIndex.load().catch(() => {}),
    onSearch: (zoek) => store.update({ filters: { ...store.get().filters, zoek } }),
    onMunicipality: selection.selectMunicipality,
    onArrangement: (id) => selection.selectArrangement(id),
  });
  arrangementIndex.onLoad(() => search.refresh());
  return {
    start(state) {
      filterForm.write(state.filters);
      filterForm.writeLayers(state);
      return Promise.resolve();
    },
  };
}
