// Data module: the arrangement filters shared by the map, the tables, the tiles and the
// downloads, and their API query parameters. No DOM, no Leaflet.

export const FILTER_KEYS = [
  "land",
  "thema",
  "rechtsvormFamilie",
  "rechtsvorm",
  "verplicht",
  "soort",
  "indeling",
  "zonderIndeling",
  "provincie",
  "peildatum",
  "zoek",
];
/** The filters that hold a list (comma-joined in the URL and the API). */
export const LIST_KEYS = new Set(["thema", "rechtsvormFamilie", "rechtsvorm", "soort"]);

export function emptyFilters() {
  return {
    land: "", // "" = nl (the API's default), "be" = Flanders and Brussels
    thema: [],
    rechtsvormFamilie: [],
    rechtsvorm: [],
    verplicht: "",
    soort: [],
    indeling: "",
    zonderIndeling: "",
    provincie: "",
    peildatum: "",
    zoek: "",
  };
}

const isBlank = (value) => value === "" || value === null || value === undefined;

/** The filters as API query parameters: lists comma-joined, blanks left out. */
export function filterParams(filters) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(",");
    } else if (!isBlank(value)) {
      out[key] = value;
    }
  }
  return out;
}

/** What the count choropleth adds to the filters: by default (``telling`` "samenwerking") it
 *  counts cooperations only, the arrangements that are no region of an official division,
 *  unless the filters already say which divisions count; "alles" adds nothing. */
export function countingParams(filters, telling) {
  if (telling !== "samenwerking" || filters.indeling || filters.zonderIndeling) return {};
  return { zonderIndeling: "true" };
}

/** The filters of the municipality list: every arrangement filter except the text search
 *  (which that list would apply to municipality names). */
export function municipalityFilterParams(filters) {
  const { zoek: _search, ...params } = filterParams(filters);
  return params;
}
