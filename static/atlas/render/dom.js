// Rendering helpers for the DOM (no Leaflet). Data becomes text nodes and attribute values,
// never markup: nothing here parses HTML.

/** An element: h("a", {href, class: "x", dataset: {action: "y"}}, "text", child, [more]).
 *  Attributes that are null, undefined or false are left out; true sets an empty attribute.
 *  Children may be nodes, strings, numbers or (nested) arrays; null, false and "" are skipped. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false)
      setAttribute(element, name, value);
  }
  element.append(...nodes(children));
  return element;
}

function setAttribute(element, name, value) {
  if (name === "class") element.className = value;
  else if (name === "dataset") Object.assign(element.dataset, value);
  else if (name === "style") {
    for (const [property, v] of Object.entries(value)) element.style.setProperty(property, v);
  } else element.setAttribute(name, value === true ? "" : String(value));
}

/** Children for append()/replaceChildren(): flattened, blanks dropped, numbers as text. */
export function nodes(children) {
  return children
    .flat(Number.POSITIVE_INFINITY)
    .filter((child) => child !== null && child !== undefined && child !== false && child !== "")
    .map((child) => (typeof child === "number" ? String(child) : child));
}

/** A translated template with %(name)s placeholders, filled in as plain text. */
export function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

/** Say ``text`` in a live region (emptied first, so that the same text is said again). */
export function announce(element, text) {
  if (!element) return;
  element.textContent = "";
  window.setTimeout(() => {
    element.textContent = text;
  }, 50);
}
