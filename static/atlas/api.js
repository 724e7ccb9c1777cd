// Data module: fetch wrappers around the Regioatlas API (/api/v1/). No DOM, no Leaflet.
import { filterParams } from "./state.js";

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export function createApi(base) {
  const cache = new Map();

  function url(path, params = {}) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== "" && value !== null && value !== undefined) query.set(key, value);
    }
    const q = query.toString();
    return base + path + (q ? "?" + q : "");
  }

  async function getJSON(path, params = {}, { signal } = {}) {
    const address = url(path, params);
    if (cache.has(address)) return cache.get(address);
    const accept = params.formaat === "geojson" ? "application/geo+json" : "application/json";
    const response = await fetch(address, { headers: { Accept: accept }, signal });
    if (response.status === 204) return null;
    if (!response.ok) throw new ApiError(response.status, `${response.status} ${address}`);
    const data = await response.json();
    if (cache.size > 60) cache.delete(cache.keys().next().value);
    cache.set(address, data);
    return data;
  }

  const geo = { formaat: "geojson" };
  /** Filters of the municipality list: every arrangement filter except the text search
   *  (which the list would apply to municipality names). */
  const municipalityFilters = (filters) => {
    const params = filterParams(filters);
    delete params.zoek;
    return params;
  };

  return {
    url,
    municipalities: (filters, { geometry = true, signal } = {}) =>
      getJSON("gemeenten", { ...municipalityFilters(filters), paginaGrootte: 500,
        ...(geometry ? geo : { geometrie: "false" }) }, { signal }),
    municipality: (code, filters, { signal } = {}) =>
      getJSON(`gemeenten/${encodeURIComponent(code)}`, { ...filterParams(filters), geometrie: "false" }, { signal }),
    provinces: ({ signal } = {}) => getJSON("provincies", geo, { signal }),
    here: (lon, lat, filters, { signal } = {}) =>
      getJSON("locaties/samenwerkingsverbanden", { lon: lon.toFixed(5), lat: lat.toFixed(5), ...filterParams(filters) }, { signal }),
    /** One arrangement as a GeoJSON Feature (simplified footprint; details in properties). */
    arrangement: (id, filters, { signal } = {}) =>
      getJSON(`samenwerkingsverbanden/${encodeURIComponent(id)}`,
        { peildatum: filters.peildatum, geometrieDetail: "vereenvoudigd", ...geo }, { signal }),
    arrangements: (filters, { pageSize = 100, signal } = {}) =>
      getJSON("samenwerkingsverbanden", { ...filterParams(filters), geometrie: "false", paginaGrootte: pageSize }, { signal }),
    network: (filters, threshold, { signal } = {}) =>
      getJSON("netwerk", { ...filterParams(filters), minimaalGedeeld: threshold, paginaGrootte: 10000, ...geo }, { signal }),
    breRuns: ({ signal } = {}) => getJSON("bre-analyses", { paginaGrootte: 100 }, { signal }),
    breClusters: (id, { signal } = {}) =>
      getJSON(`bre-analyses/${encodeURIComponent(id)}/clusters`, geo, { signal }),
    breMunicipalities: (id, { signal } = {}) =>
      getJSON(`bre-analyses/${encodeURIComponent(id)}/gemeenten`, { paginaGrootte: 500, geometrie: "false" }, { signal }),
    /** Vector tile URL template (Leaflet {z}/{x}/{y}) of a layer under the filters. */
    tileUrl: (layer, filters) => {
      const query = new URLSearchParams(filterParams(filters)).toString();
      return `${base}tegels/${layer}/{z}/{x}/{y}` + (query ? "?" + query : "");
    },
    /** Download link of a resource in a format (csv, xlsx, geojson) under the filters. */
    exportUrl: (resource, format, filters, extra = {}) => {
      const params = resource === "gemeenten" ? municipalityFilters(filters) : filterParams(filters);
      const size = resource === "netwerk" ? 10000 : 500;
      return url(resource, { ...params, ...extra, formaat: format, paginaGrootte: size });
    },
  };
}

/** The list inside a JSON list response ({totaal, <name>: [...]}) or a GeoJSON collection. */
export function rowsOf(data, name) {
  if (!data) return [];
  if (Array.isArray(data)) return data;
  if (Array.isArray(data[name])) return data[name];
  if (Array.isArray(data.features)) return data.features.map((f) => ({ ...f.properties, id: f.properties?.id ?? f.id }));
  for (const value of Object.values(data)) if (Array.isArray(value)) return value;
  return [];
}

/** Point-in-polygon on GeoJSON (Polygon/MultiPolygon), for "which municipality is here". */
export function featureAt(collection, lon, lat) {
  const inRing = (ring) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]; const [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const inPolygon = (rings) => inRing(rings[0]) && !rings.slice(1).some(inRing);
  for (const feature of collection?.features || []) {
    const g = feature.geometry;
    if (!g) continue;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    if (polygons.some(inPolygon)) return feature;
  }
  return null;
}
