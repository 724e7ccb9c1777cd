// Data module: the arrangement index, [id, slug, name, short name, theme slugs] of every
// published arrangement, for the search box and the theme colours. It is not carried in the
// page's HTML (about 190 KiB on the real data): the page fetches it once, as JSON with an ETag
// per data version, after the map is interactive or on the first focus of the search box
// (issue 16). Until it has come the search suggests municipalities only and footprints
// coloured by theme are grey. No DOM, no Leaflet.

/** {arrangement id: its first theme slug} of index rows, as a Map. */
export const themesOf = (rows) => new Map(rows.map(([id, , , , themes]) => [id, themes[0]]));

/** The index at ``url``, loaded at the first ``load()`` (again after a failure). ``themeOf``
 *  is one Map, filled in place when the index comes; ``onLoad`` callbacks run then. */
export function createArrangementIndex(url, { fetch = globalThis.fetch } = {}) {
  let rows = [];
  let loading = null;
  const themeOf = new Map();
  const listeners = [];

  function loaded(data) {
    rows = data;
    for (const [id, theme] of themesOf(data)) themeOf.set(id, theme);
    for (const listener of listeners) listener(rows);
    return rows;
  }

  function load() {
    loading ??= fetch(url, { headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      })
      .then(loaded)
      .catch((error) => {
        loading = null;
        throw error;
      });
    return loading;
  }

  return {
    load,
    rows: () => rows,
    themeOf,
    onLoad: (listener) => listeners.push(listener),
  };
}
