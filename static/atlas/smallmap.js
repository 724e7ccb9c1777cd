// Rendering module: the small map of a profile page (one or a few GeoJSON features, with the
// optional base map). Configuration from json_script.
import L from "./leaflet.js";

const element = document.getElementById("kleine-kaart");
const config = JSON.parse(document.getElementById("small-map-config").textContent);
if (element && config.features.length) {
  const map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  if (config.basemap?.url) {
    const tiles = L.tileLayer(config.basemap.url, config.basemap.options).addTo(map);
    let loaded = 0; let failed = 0;
    tiles.on("tileload", () => { loaded += 1; });
    tiles.on("tileerror", () => { failed += 1; if (failed >= 3 && !loaded) map.removeLayer(tiles); });
  }
  const layer = L.geoJSON({ type: "FeatureCollection", features: config.features }, {
    style: { color: "#154273", weight: 2, fillColor: "#154273", fillOpacity: 0.25 },
    interactive: false,
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  document.documentElement.dataset.smallMapReady = "true";
}
