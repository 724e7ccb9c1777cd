// Entry module of the profile pages: their small map (one or a few GeoJSON features, with the
// optional base map). Configuration from json_script (#small-map-config).
import L from "./leaflet.js";

/** Take the base map off when its tiles fail (no network); the features stay. */
function addBaseMap(map, basemap) {
  const tiles = L.tileLayer(basemap.url, basemap.options).addTo(map);
  const count = { loaded: 0, failed: 0 };
  tiles.on("tileload", () => {
    count.loaded += 1;
  });
  tiles.on("tileerror", () => {
    count.failed += 1;
    if (count.failed >= 3 && !count.loaded) map.removeLayer(tiles);
  });
}

function showSmallMap(element, config) {
  const map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  if (config.basemap?.url) addBaseMap(map, config.basemap);
  const layer = L.geoJSON(
    { type: "FeatureCollection", features: config.features },
    {
      style: { color: "#154273", weight: 2, fillColor: "#154273", fillOpacity: 0.25 },
      interactive: false,
    },
  ).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  document.documentElement.dataset.smallMapReady = "true";
}

const element = document.getElementById("kleine-kaart");
const config = JSON.parse(document.getElementById("small-map-config").textContent);
if (element && config.features.length) showSmallMap(element, config);
