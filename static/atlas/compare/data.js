// Data module of the side-by-side page (/vergelijken): the API addresses of both sides, the
// municipalities to highlight on each map, the styles and the legend as data. No DOM, no Leaflet.

export const KINDS = ["verhuisd", "alleenInA", "alleenInB"];
export const BORDERS = ["alleenA", "alleenB"];

/** Fill of a municipality that differs (by kind); the others stay light. */
export const KIND_COLOURS = {
  verhuisd: "#d95f02",
  alleenInA: "#7570b3",
  alleenInB: "#1b9e77",
};
export const PLAIN = { fillColor: "#eef2f6", fillOpacity: 0.55, color: "#9aa5b1", weight: 0.5 };
/** The region borders of each side, and the borders that do not match (as on /congruentie:
 *  A's own dashed blue, B's own dotted red). */
export const REGION_BORDER = { color: "#1a1a1a", weight: 2, opacity: 0.9 };
export const BORDER_STYLES = {
  alleenA: { color: "#154273", weight: 4, dashArray: "8 5", opacity: 1 },
  alleenB: { color: "#b3001b", weight: 4, dashArray: "2 6", opacity: 1 },
};
export const SELECTED = { color: "#000000", weight: 4 };

/** The API addresses of both sides (``query``: a, b, peildatumA, peildatumB). */
export function sideUrls(api, query) {
  const side = (ref, day) => {
    const municipalities = new URLSearchParams({
      peildatum: day,
      paginaGrootte: "500",
      formaat: "geojson",
    });
    const regions = new URLSearchParams({ a: ref, b: ref, peildatum: day, formaat: "geojson" });
    return {
      municipalities: `${api}gemeenten?${municipalities}`,
      regions: `${api}congruentie/grenzen?${regions}`,
    };
  };
  return {
    differences: `${api}congruentie/verschillen?${new URLSearchParams(query)}`,
    left: side(query.a, query.peildatumA),
    right: side(query.b, query.peildatumB),
  };
}

/** {left, right}: Maps of municipality code (on that side's peildatum) to its difference row.
 *  The left side names a municipality by the codes it had on the left peildatum. */
export function highlights(differences) {
  const left = new Map();
  const right = new Map();
  for (const row of differences.gemeenten) {
    for (const code of row.codesOpPeildatumA ?? [row.code]) left.set(code, row);
    right.set(row.code, row);
  }
  return { left, right };
}

/** The non-matching borders of the differences as a GeoJSON FeatureCollection. */
export function borderFeatures(differences) {
  return {
    type: "FeatureCollection",
    features: differences.grenzen
      .filter((border) => border.geometrie)
      .map((border) => ({
        type: "Feature",
        geometry: border.geometrie,
        properties: { klasse: border.klasse, naam: border.naam },
      })),
  };
}

/** The legend as data: [{kind: "fill"|"line", key, label}] for what the maps show. */
export function legendItems(differences, strings) {
  const kinds = KINDS.filter((kind) => differences.aantallen[kind] > 0);
  const borders = BORDERS.filter((key) => differences.grenzen.some((b) => b.klasse === key));
  return [
    ...kinds.map((key) => ({ kind: "fill", key, label: strings.kinds[key] })),
    { kind: "line", key: "regio", label: strings.regionBorders },
    ...borders.map((key) => ({ kind: "line", key, label: strings.borders[key] })),
  ];
}

/** The view another map takes from a map that moved: the same centre and zoom. Returns null
 *  when it already has that view (so two synchronised maps do not echo each other). */
export function followView(from, to) {
  const same =
    Math.abs(from.lat - to.lat) < 1e-9 &&
    Math.abs(from.lng - to.lng) < 1e-9 &&
    from.zoom === to.zoom;
  return same ? null : { lat: from.lat, lng: from.lng, zoom: from.zoom };
}
