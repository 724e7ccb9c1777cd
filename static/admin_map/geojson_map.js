/**
 * Draws a GeoJSON FeatureCollection on a django-leaflet map in the admin. An ES module: it
 * defines no globals and needs none of its own.
 *
 * A map rendered with {% leaflet_map "NAME" %} finds its data in the json_script element
 * "NAME-data". django-leaflet announces every map it creates with a "map:init" event on window
 * (on the page's load event, after this module has run), so the module listens for that event.
 * The layer does not depend on the base map: when the tiles cannot load (offline, blocked), the
 * boundaries still show on the empty map.
 */

const STYLE = Object.freeze({
  color: "#01689b",
  weight: 1,
  opacity: 0.9,
  fillColor: "#01689b",
  fillOpacity: 0.15,
});

function readCollection(map) {
  const element = document.getElementById(`${map.getContainer().id}-data`);
  return element ? JSON.parse(element.textContent) : null;
}

function tooltipContent(feature) {
  // A DOM node rather than an HTML string: names are data, never markup.
  const element = document.createElement("span");
  const { name = "", code = "" } = feature.properties || {};
  element.textContent = code ? `${name} (${code})` : name;
  return element;
}

function draw(leaflet, map, collection) {
  const layer = leaflet
    .geoJSON(collection, {
      style: () => STYLE,
      onEachFeature: (feature, featureLayer) =>
        featureLayer.bindTooltip(tooltipContent(feature), { sticky: true }),
    })
    .addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [12, 12] });
  }
  map.getContainer().dataset.features = String(collection.features.length);
}

window.addEventListener("map:init", (event) => {
  const { map } = event.detail;
  const collection = readCollection(map);
  if (collection) {
    // Leaflet itself is the one global on the page, loaded by {% leaflet_js %}.
    draw(window.L, map, collection);
  }
});
