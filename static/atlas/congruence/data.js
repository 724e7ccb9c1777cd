// Data module of the congruence page: the API addresses, the fit of each municipality's region,
// the styles of the fit and border classes, the legend as data, and the keyboard moves of the
// heatmap. No DOM, no Leaflet.

export const FITS = ["doorsnijdend", "binnen", "samenvallend"];
export const NOT_COMPARED = "niet";
export const BORDERS = ["gedeeld", "alleenA", "alleenB"];

/** Fill of the municipalities by the fit of their region of A (crossing regions stand out). */
export const FIT_COLOURS = {
  doorsnijdend: "#d95f02",
  binnen: "#9ecae1",
  samenvallend: "#74c476",
  [NOT_COMPARED]: "#d9d9d9",
};

/** Lines of the border classes: shared borders solid and dark, A's alone dashed, B's dotted. */
export const BORDER_STYLES = {
  gedeeld: { color: "#1a1a1a", weight: 3, dashArray: null },
  alleenA: { color: "#154273", weight: 2.5, dashArray: "8 5" },
  alleenB: { color: "#b3001b", weight: 2.5, dashArray: "2 5" },
};

/** The API addresses of the page's map (``config``: api, a, b, peildatum). */
export function mapUrls({ api, a, b, peildatum }) {
  const pair = new URLSearchParams({ a, b, peildatum }).toString();
  const day = new URLSearchParams({ peildatum, paginaGrootte: "500", formaat: "geojson" });
  return {
    municipalities: `${api}gemeenten?${day}`,
    comparison: `${api}congruentie?${pair}`,
    borders: `${api}congruentie/grenzen?${pair}&formaat=geojson`,
  };
}

/** {municipality code: {fit, regionA, regionB}} from the comparison (JSON of /congruentie):
 *  the fit is that of the municipality's region of A. */
export function fitsByMunicipality(comparison) {
  const fitOfRegion = new Map(comparison.regios.map((r) => [r.regio, r.klasse]));
  return new Map(
    comparison.gemeenten.map((m) => [
      m.code,
      {
        fit: fitOfRegion.get(m.regioA) ?? NOT_COMPARED,
        regionA: m.regioANaam,
        regionB: m.regioBNaam,
      },
    ]),
  );
}

/** The legend as data: [{title, items: [{kind, key, label}]}] for the fits present and the
 *  border classes present (``borders``: the klasse of each feature). ``fits`` are the compared
 *  municipalities; ``uncompared``: whether the map shows others. */
export function legendSections(fits, borders, strings, uncompared = false) {
  const present = new Set([...fits.values()].map((f) => f.fit));
  if (uncompared) present.add(NOT_COMPARED);
  const fitItems = [...FITS, NOT_COMPARED]
    .filter((key) => present.has(key))
    .map((key) => ({
      kind: "fill",
      key,
      label: key === NOT_COMPARED ? strings.notCompared : strings.fits[key],
    }));
  const borderItems = BORDERS.filter((key) => borders.includes(key)).map((key) => ({
    kind: "line",
    key,
    label: strings.borders[key],
  }));
  return [
    { title: strings.regionsOfA, items: fitItems },
    { title: strings.borderTitle, items: borderItems },
  ];
}

const MOVES = {
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
};

/** The cell a key moves to in a grid of ``rows`` x ``columns`` (Home/End: the row's ends),
 *  or null for any other key. Moves stop at the edges. */
export function gridMove(key, [row, column], rows, columns) {
  if (key === "Home") return [row, 0];
  if (key === "End") return [row, columns - 1];
  const move = MOVES[key];
  if (!move) return null;
  const clamp = (value, size) => Math.max(0, Math.min(size - 1, value));
  return [clamp(row + move[0], rows), clamp(column + move[1], columns)];
}
