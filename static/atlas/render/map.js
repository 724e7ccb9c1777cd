// Rendering module: the Leaflet map, its panes, the optional base map, the "what is here?"
// marker and the map view ("zoom/lat/lon") of the permalink.
import L from "../leaflet.js";

const PANES = {
  gemeenten: 400,
  gebieden: 410,
  grenzen: 412,
  bre: 415,
  provincies: 420,
  netwerk: 430,
  selectie: 440,
};
const NETHERLANDS = [
  [50.75, 3.36],
  [53.55, 7.23],
];
/** Flanders and Brussels (`land=be`). */
const FLANDERS = [
  [50.68, 2.54],
  [51.51, 5.92],
];

export function createMap(element, config, { onBaseMapFailed } = {}) {
  const map = L.map(element, {
    center: config.center,
    zoom: config.zoom,
    minZoom: config.minZoom,
    maxZoom: config.maxZoom,
    zoomSnap: 0.5,
    keyboard: true,
    attributionControl: true,
  });
  map.attributionControl.setPrefix(false);
  if (config.attribution) map.attributionControl.addAttribution(config.attribution);
  for (const [name, z] of Object.entries(PANES)) {
    map.createPane(name).style.zIndex = String(z);
  }
  for (const name of ["provincies", "netwerk", "selectie"]) {
    map.getPane(name).style.pointerEvents = "none";
  }
  addBaseMap(map, config.basemap, onBaseMapFailed);
  // The panel and the view switch change the map's size: keep Leaflet in step.
  if ("ResizeObserver" in window) {
    new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(element);
  }
  return map;
}

/** The base map is optional: when its tiles fail (no network), it is removed and the atlas
 *  goes on with its own layers on a plain background. */
function addBaseMap(map, basemap, onFailure) {
  if (!basemap?.url) return null;
  const layer = L.tileLayer(basemap.url, { ...basemap.options, className: "basemap" });
  const tiles = { loaded: 0, failed: 0 };
  layer.on("tileload", () => {
    tiles.loaded += 1;
  });
  layer.on("tileerror", () => {
    tiles.failed += 1;
    if (tiles.failed >= 3 && tiles.loaded === 0 && map.hasLayer(layer)) {
      map.removeLayer(layer);
      onFailure?.();
    }
  });
  layer.addTo(map);
  return layer;
}

/** The marker of "what is here?". */
export function createPointMarker(map) {
  const marker = L.circleMarker([0, 0], {
    pane: "selectie",
    radius: 7,
    color: "#000",
    weight: 3,
    fillColor: "#ffb612",
    fillOpacity: 1,
    interactive: false,
  });
  return {
    show(lat, lon) {
      marker.setLatLng([lat, lon]);
      if (!map.hasLayer(marker)) marker.addTo(map);
    },
    hide() {
      marker.remove();
    },
  };
}

export function mapView(map) {
  const c = map.getCenter();
  return `${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
}

/** Restore a "zoom/lat/lon" view, or show the whole country. */
export function setMapView(map, value) {
  const [z, lat, lon] = (value || "").split("/").map(Number);
  if ([z, lat, lon].every(Number.isFinite)) map.setView([lat, lon], z, { animate: false });
  else map.fitBounds(NETHERLANDS, { animate: false });
}

/** Show the whole country of the filter `land` ("" or "nl": the Netherlands, "be": Flanders). */
export function fitCountry(map, country) {
  map.fitBounds(country === "be" ? FLANDERS : NETHERLANDS, { animate: false });
}

export function fitTo(map, bounds) {
  if (bounds?.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
}

/** Call ``ask(lon, lat)`` for "what is here?": on a click, and on Enter (or space) in the
 *  focused map, at its centre. */
export function onWhatIsHere(map, ask) {
  const element = map.getContainer();
  map.on("click", (event) => ask(event.latlng.lng, event.latlng.lat));
  element.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target === element) {
      event.preventDefault();
      const centre = map.getCenter();
      ask(centre.lng, centre.lat);
    }
  });
}
