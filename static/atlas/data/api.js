// Data module: fetch wrappers around the Regioatlas API (/api/v1/), with a small cache of
// answers by address. No DOM, no Leaflet.
import { countingParams, filterParams, municipalityFilterParams } from "./filters.js";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const CACHE_SIZE = 60;
const GEOJSON = { formaat: "geojson" };
const isBlank = (value) => value === "" || value === null || value === undefined;

/** The API at ``base`` ("/api/v1/"). ``fetch`` is the browser's unless a test passes its own. */
export function createApi(base, { fetch = (...args) => globalThis.fetch(...args) } = {}) {
  const cache = new Map();

  function url(path, params = {}) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (!isBlank(value)) query.set(key, value);
    }
    const q = query.toString();
    return base + path + (q ? `?${q}` : "");
  }

  async function request(address, accept, signal) {
    const response = await fetch(address, { headers: { Accept: accept }, signal });
    if (response.status === 204) return null;
    if (!response.ok) throw new ApiError(response.status, `${response.status} ${address}`);
    return response.json();
  }

  /** The answer for an address, from the cache of answers and of requests still in flight
   *  (the first requests of the page start before its controllers ask: start.js). A failed
   *  request is forgotten, so that the next ask tries again. */
  function getJSON(path, params = {}, { signal } = {}) {
    const address = url(path, params);
    if (cache.has(address)) return cache.get(address);
    const accept = params.formaat === "geojson" ? "application/geo+json" : "application/json";
    const answer = request(address, accept, signal);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
    cache.set(address, answer);
    answer.catch(() => {
      if (cache.get(address) === answer) cache.delete(address);
    });
    return answer;
  }

  const id = (value) => encodeURIComponent(value);
  return {
    url,
    /** Municipalities under the filters: a GeoJSON FeatureCollection, or without geometry
     *  the JSON list {gemeenten: [...]} (for new counts on the same shapes). ``telling``
     *  "samenwerking" counts cooperations only (filters.countingParams). */
    municipalities: (filters, { geometry = true, signal, telling = "alles" } = {}) =>
      getJSON(
        "gemeenten",
        {
          ...municipalityFilterParams(filters),
          ...countingParams(filters, telling),
          paginaGrootte: 500,
          ...(geometry ? GEOJSON : { geometrie: "false" }),
        },
        { signal },
      ),
    municipality: (code, filters, { signal } = {}) =>
      getJSON(
        `gemeenten/${id(code)}`,
        { ...filterParams(filters), geometrie: "false" },
        { signal },
      ),
    provinces: ({ signal } = {}) => getJSON("provincies", GEOJSON, { signal }),
    here: (lon, lat, filters, { signal } = {}) =>
      getJSON(
        "locaties/samenwerkingsverbanden",
        { lon: lon.toFixed(5), lat: lat.toFixed(5), ...filterParams(filters) },
        { signal },
      ),
    /** One arrangement as a GeoJSON Feature (simplified footprint; details in properties). */
    arrangement: (arrangementId, filters, { signal } = {}) =>
      getJSON(
        `samenwerkingsverbanden/${id(arrangementId)}`,
        { peildatum: filters.peildatum, geometrieDetail: "vereenvoudigd", ...GEOJSON },
        { signal },
      ),
    arrangements: (filters, { pageSize = 100, signal } = {}) =>
      getJSON(
        "samenwerkingsverbanden",
        { ...filterParams(filters), geometrie: "false", paginaGrootte: pageSize },
        { signal },
      ),
    /** The patchwork's colouring under the filters, with each footprint inset for ``zoom``
     *  (GeoJSON; properties id, naam, korteNaam, kleur, kleurcode, streepjes). */
    colouring: (filters, zoom, { signal } = {}) =>
      getJSON(
        "samenwerkingsverbanden/kleuren",
        { ...filterParams(filters), zoom, ...GEOJSON },
        {
          signal,
        },
      ),
    network: (filters, threshold, { signal } = {}) =>
      getJSON(
        "netwerk",
        { ...filterParams(filters), minimaalGedeeld: threshold, paginaGrootte: 10000, ...GEOJSON },
        { signal },
      ),
    breRuns: ({ signal } = {}) => getJSON("bre-analyses", { paginaGrootte: 100 }, { signal }),
    breClusters: (runId, { signal } = {}) =>
      getJSON(`bre-analyses/${id(runId)}/clusters`, GEOJSON, { signal }),
    breMunicipalities: (runId, { signal } = {}) =>
      getJSON(
        `bre-analyses/${id(runId)}/gemeenten`,
        { paginaGrootte: 500, geometrie: "false" },
        { signal },
      ),
    /** Vector tile URL template (Leaflet {z}/{x}/{y}) of a layer under the filters. */
    tileUrl: (layer, filters) => {
      const query = new URLSearchParams(filterParams(filters)).toString();
      return `${base}tegels/${layer}/{z}/{x}/{y}${query ? `?${query}` : ""}`;
    },
    /** Download link of a resource in a format (csv, xlsx, geojson) under the filters. */
    exportUrl: (resource, format, filters, extra = {}) => {
      const params =
        resource === "gemeenten" ? municipalityFilterParams(filters) : filterParams(filters);
      const size = resource === "netwerk" ? 10000 : 500;
      return url(resource, { ...params, ...extra, formaat: format, paginaGrootte: size });
    },
  };
}

/** The rows of a JSON list response ({totaal, <name>: [...]}); [] for no answer (204). */
export function rowsOf(data, name) {
  return data?.[name] ?? [];
}

/** The properties of the features of a GeoJSON FeatureCollection. */
export function propertiesOf(collection) {
  return (collection?.features ?? []).map((feature) => feature.properties);
}
