// Rendering module: the legend, a Leaflet control whose sections come from the layers as data
// (data/legends.js). Built from DOM nodes: labels are text, colours are CSS properties.
import L from "../leaflet.js";
import { h, nodes } from "./dom.js";

function swatch({ fill, line, width, dashed, dash }) {
  if (dashed) return h("span", { class: "swatch swatch--dashed" });
  if (line) {
    const style = { "border-color": line, "border-top-width": `${width}px` };
    if (dash) style["border-top-style"] = "dashed";
    return h("span", { class: "swatch swatch--line", style });
  }
  return h("span", { class: "swatch", style: { background: fill } });
}

/** An item; one with a ``target`` is a button (hover or focus highlights it on the map, a
 *  click selects it). */
function item(key, { swatch: look, label, target }) {
  if (target === undefined) return h("li", {}, swatch(look), label);
  const dataset = { legend: key, target: String(target) };
  return h(
    "li",
    {},
    h("button", { type: "button", class: "legend__item", dataset }, swatch(look), label),
  );
}

function section(key, { title, note, columns, items }) {
  const list = h(
    "ul",
    { class: columns ? "legend__list legend__list--columns" : "legend__list" },
    items.map((entry) => item(key, entry)),
  );
  return [
    title ? h("h3", {}, title) : null,
    note ? h("p", { class: "legend__note" }, note) : null,
    list,
  ];
}

/** Hover and focus on an item button call ``onHighlight(target | null)``, a click
 *  ``onSelect(target)``, of the handlers of its section. */
function listen(container, handlers) {
  const targetOf = (event) => event.target.closest?.("[data-target]");
  const call = (event, name, value) => {
    const button = targetOf(event);
    const handler = button && handlers.get(button.dataset.legend)?.[name];
    if (handler) handler(value === undefined ? Number(button.dataset.target) : value);
  };
  container.addEventListener("mouseover", (event) => call(event, "onHighlight"));
  container.addEventListener("focusin", (event) => call(event, "onHighlight"));
  container.addEventListener("mouseout", (event) => call(event, "onHighlight", null));
  container.addEventListener("focusout", (event) => call(event, "onHighlight", null));
  container.addEventListener("click", (event) => call(event, "onSelect"));
}

/** The legend control: set(key, section) and clear(key); shown while it has a section, the
 *  sections in the order of ``keys``. */
export function createLegend(map, title, keys) {
  const control = L.control({ position: "bottomleft" });
  const sections = new Map();
  const handlers = new Map();
  const container = L.DomUtil.create("details", "legend");
  listen(container, handlers);
  container.open = window.matchMedia("(min-width: 40rem)").matches;
  L.DomEvent.disableClickPropagation(container);
  L.DomEvent.disableScrollPropagation(container);
  function render() {
    container.hidden = !sections.size;
    container.replaceChildren(
      ...nodes([
        h("summary", { class: "legend__title" }, title),
        keys.filter((key) => sections.has(key)).map((key) => section(key, sections.get(key))),
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
    /** Handlers of the items of section ``key``: {onHighlight(target | null), onSelect(target)}. */
    handle(key, sectionHandlers) {
      handlers.set(key, sectionHandlers);
    },
    clear(key) {
      if (sections.delete(key)) render();
    },
  };
}
