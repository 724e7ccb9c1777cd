// Rendering side of the live map preview: the one registration module that touches Leaflet
// (imported from the site's one Leaflet module, static/atlas/leaflet.js). The map is a picture
// (role="img") with a text equivalent next to it, so it has no keyboard controls of its own.
import L from "../atlas/leaflet.js";

/** The map of each preview container, made the first time it shows a feature. */
const previews = new WeakMap();

function previewOf(container, config) {
  if (!previews.has(container)) {
    const map = L.map(container, {
      keyboard: false,
      zoomControl: false,
      attributionControl: false,
      scrollWheelZoom: false,
    }).setView(config.center, config.zoom);
    if (config.basemap) L.tileLayer(config.basemap.url, config.basemap.options).addTo(map);
    const layer = L.geoJSON(null, { style: { color: "#154273", weight: 2, fillOpacity: 0.25 } });
    previews.set(container, { map, layer: layer.addTo(map) });
  }
  return previews.get(container);
}

export function showFeature(container, feature, config) {
  if (!container) return;
  container.hidden = false;
  const { map, layer } = previewOf(container, config);
  map.invalidateSize();
  layer.clearLayers();
  if (feature?.geometry) {
    layer.addData(feature);
    map.fitBounds(layer.getBounds(), { padding: [12, 12] });
  }
}
