// Rendering side of the live map preview: the one registration module that touches Leaflet
// (loaded as a classic script by the page). The map is a picture (role="img") with a text
// equivalent next to it, so it has no keyboard controls of its own.
const L = globalThis.L;
let map = null;
let layer = null;

export function showFeature(container, feature, config) {
  if (!L || !container) return;
  container.hidden = false;
  if (!map) {
    map = L.map(container, {
      keyboard: false,
      zoomControl: false,
      attributionControl: false,
      scrollWheelZoom: false,
    }).setView(config.center, config.zoom);
    if (config.basemap) L.tileLayer(config.basemap.url, config.basemap.options).addTo(map);
  }
  map.invalidateSize();
  if (layer) layer.remove();
  layer = null;
  if (feature && feature.geometry) {
    layer = L.geoJSON(feature, { style: { color: "#154273", weight: 2, fillOpacity: 0.25 } }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [12, 12] });
  }
}
