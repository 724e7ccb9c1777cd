// Rendering module: the legend, a Leaflet control whose sections come from the layers as data
// (data/legends.js). Built from DOM nodes: labels are text, colours are CSS properties.
import L from "../leaflet.js";
import { h, nodes } from "./dom.js";

function swatch({ fill, line, width, dashed }) {
  if (dashed) return h("span", { class: "swatch swatch--dashed" });
  if (line) {
    const style = { "border-color": line, "border-top-width": `${width}px` };
    return h("span", { class: "swatch swatch--line", style });
  }
  return h("span", { class: "swatch", style: { background: fill } });
}

function section({ title, columns, items }) {
  const list = h(
    "ul",
    { class: columns ? "legend__list legend__list--columns" : "legend__list" },
    items.map((item) => h("li", {}, swatch(item.swatch), item.label)),
  );
  return [title ? h("h3", {}, title) : null, list];
}

/** The legend control: set(key, section) and clear(key); shown while it has a section, the
 *  sections in the order of ``keys``. */
export function createLegend(map, title, keys) {
  const control = L.control({ position: "bottomleft" });
  const sections = new Map();
  const container = L.DomUtil.create("details", "legend");
  container.open = window.matchMedia("(min-width: 40rem)").matches;
  L.DomEvent.disableClickPropagation(container);
  L.DomEvent.disableScrollPropagation(container);
  function render() {
    container.hidden = !sections.size;
    container.replaceChildren(
      ...nodes([
        h("summary", { class: "legend__title" }, title),
        keys.filter((key) => sections.has(key)).map((key) => section(sections.get(key))),
      ]),
    );
  }
  control.onAdd = () => {
    render();
    return container;
  };
  control.addTo(map);
  return {
    set(key, content) {
      sections.set(key, content);
      render();
    },
    clear(key) {
      if (sections.delete(key)) render();
    },
  };
}
