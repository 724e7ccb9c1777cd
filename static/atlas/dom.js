// Rendering helpers for the DOM (no Leaflet).
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => esc(values[key]));
}

export function announce(element, text) {
  if (!element) return;
  element.textContent = "";
  window.setTimeout(() => { element.textContent = text; }, 50);
}

export function number(value, language) {
  return new Intl.NumberFormat(language).format(value);
}
