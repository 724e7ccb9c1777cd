// Rendering module: the Leaflet map, its panes, the base map (optional) and the legend.
import L from "./leaflet.js";

const PANES = { gemeenten: 400, gebieden: 410, bre: 415, provincies: 420, netwerk: 430, selectie: 440 };

export function createMap(element, config, strings, { onNotice } = {}) {
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
    const pane = map.createPane(name);
    pane.style.zIndex = String(z);
  }
  map.getPane("provincies").style.pointerEvents = "none";
  map.getPane("netwerk").style.pointerEvents = "none";
  map.getPane("selectie").style.pointerEvents = "none";
  addBaseMap(map, config.basemap, () => onNotice?.(strings.noBaseMap));
  // The panel and the view switch change the map's size: keep Leaflet in step.
  if ("ResizeObserver" in window) new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(element);
  return map;
}

/** The base map is optional: when its tiles fail (no network), it is removed and the atlas
 *  goes on with its own layers on a plain background. */
function addBaseMap(map, basemap, onFailure) {
  if (!basemap || !basemap.url) return null;
  const layer = L.tileLayer(basemap.url, { ...basemap.options, className: "basemap" });
  let loaded = 0;
  let failed = 0;
  layer.on("tileload", () => { loaded += 1; });
  layer.on("tileerror", () => {
    failed += 1;
    if (failed >= 3 && loaded === 0 && map.hasLayer(layer)) {
      map.removeLayer(layer);
      onFailure();
    }
  });
  layer.addTo(map);
  return layer;
}

/** A legend control whose sections are set by the layers ({key: html}). */
export function createLegend(map, title) {
  const control = L.control({ position: "bottomleft" });
  const sections = new Map();
  let container;
  control.onAdd = () => {
    container = L.DomUtil.create("details", "legend");
    container.open = window.matchMedia("(min-width: 40rem)").matches;
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    render();
    return container;
  };
  function render() {
    if (!container) return;
    const parts = [...sections.values()].filter(Boolean);
    container.hidden = !parts.length;
    container.innerHTML = `<summary class="legend__title">${title}</summary>` + parts.join("");
  }
  control.addTo(map);
  return {
    set(key, html) { sections.set(key, html); render(); },
    clear(key) { sections.delete(key); render(); },
  };
}

/** A marker for "what is here?". */
export function createPointMarker(map) {
  let marker = null;
  return {
    show(lat, lon) {
      if (!marker) {
        marker = L.circleMarker([lat, lon], {
          pane: "selectie", radius: 7, color: "#000", weight: 3, fillColor: "#ffb612", fillOpacity: 1,
          interactive: false,
        }).addTo(map);
      } else marker.setLatLng([lat, lon]);
    },
    hide() { if (marker) { marker.remove(); marker = null; } },
  };
}

export function mapView(map) {
  const c = map.getCenter();
  return `${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
}

const NETHERLANDS = [[50.75, 3.36], [53.55, 7.23]];

/** Restore a "zoom/lat/lon" view, or show the whole country. */
export function setMapView(map, value) {
  const [z, lat, lon] = (value || "").split("/").map(Number);
  if ([z, lat, lon].every(Number.isFinite)) map.setView([lat, lon], z, { animate: false });
  else map.fitBounds(NETHERLANDS, { animate: false });
}

export function fitTo(map, bounds) {
  if (bounds && bounds.isValid && bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
}

/** The map as a PNG (Blob): every SVG and canvas layer, in pane order, on a plain
 *  background, with a title and the attribution. The base map's tiles are left out (they come
 *  from another site and would make the canvas unreadable). */
export async function mapAsPng(map, { title = "", note = "" } = {}) {
  const container = map.getContainer();
  const box = container.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const header = title ? 34 : 0;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round((box.height + header) * scale);
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.fillStyle = getComputedStyle(container).backgroundColor || "#dfe7ef";
  ctx.fillRect(0, 0, box.width, box.height + header);
  const panes = [...container.querySelectorAll(".leaflet-pane")]
    .filter((pane) => !pane.classList.contains("leaflet-tile-pane") && !pane.classList.contains("leaflet-map-pane"))
    .sort((a, b) => Number(getComputedStyle(a).zIndex || 0) - Number(getComputedStyle(b).zIndex || 0));
  // A tiled layer keeps the tiles of earlier zoom levels in other containers: draw only the
  // current level (the container with the highest z-index).
  const currentLevel = (element) => {
    const level = element.closest(".leaflet-tile-container");
    if (!level) return true;
    const levels = [...level.parentElement.querySelectorAll(":scope > .leaflet-tile-container")];
    const top = Math.max(...levels.map((l) => Number(l.style.zIndex || 0)));
    return Number(level.style.zIndex || 0) === top;
  };
  for (const pane of panes) {
    for (const element of pane.querySelectorAll("svg, canvas")) {
      if (!currentLevel(element)) continue;
      const rect = element.getBoundingClientRect();
      if (!rect.width || !rect.height) continue;
      const x = rect.left - box.left;
      const y = rect.top - box.top + header;
      if (element instanceof HTMLCanvasElement) {
        ctx.drawImage(element, x, y, rect.width, rect.height);
      } else {
        const clone = element.cloneNode(true);
        clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
        clone.removeAttribute("style"); // its CSS transform is already in the bounding box
        const source = new XMLSerializer().serializeToString(clone);
        const image = new Image();
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
        await image.decode();
        ctx.drawImage(image, x, y, rect.width, rect.height);
      }
    }
  }
  ctx.fillStyle = "#154273";
  if (title) {
    ctx.fillRect(0, 0, box.width, header);
    ctx.fillStyle = "#ffffff";
    ctx.font = "bold 16px system-ui, sans-serif";
    ctx.fillText(title, 10, 22);
  }
  if (note) {
    ctx.font = "12px system-ui, sans-serif";
    const width = ctx.measureText(note).width + 12;
    ctx.fillStyle = "rgba(255,255,255,.9)";
    ctx.fillRect(box.width - width, box.height + header - 18, width, 18);
    ctx.fillStyle = "#1a1a1a";
    ctx.fillText(note, box.width - width + 6, box.height + header - 5);
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"));
}
