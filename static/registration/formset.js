// Adding and removing rows of the member and partner formsets. Without scripts the buttons
// submit the form for three more rows, and rows are removed with their checkbox.
import { announce } from "./dom.js";

export function enhanceFormsets(form, config, { onAdd, onRemove }) {
  for (const container of form.querySelectorAll("[data-formset]")) {
    const prefix = container.dataset.formset;
    const total = form.querySelector(`#id_${prefix}-TOTAL_FORMS`);
    const template = form.querySelector(`template[data-empty-row="${prefix}"]`);
    const addButton = form.querySelector(`[data-add-row="${prefix}"]`);
    if (!total || !template || !addButton) continue;
    const enhance = (row) => enhanceRow(row, { config, addButton, onRemove, container });
    container.querySelectorAll("[data-row]").forEach(enhance);
    addButton.type = "button";
    addButton.removeAttribute("name");
    addButton.addEventListener("click", () => {
      const index = Number(total.value);
      const row = newRow(template, String(index));
      container.append(row);
      total.value = String(index + 1);
      renumber(container);
      enhance(row);
      row.querySelector("input:not([type=hidden]), select")?.focus();
      announce(config.strings.added);
      onAdd?.(row);
    });
  }
}

/** A copy of the empty row with its index in every attribute and text, made as DOM nodes: the
 *  template is never serialised and parsed again as HTML. */
function newRow(template, index) {
  const fragment = template.content.cloneNode(true);
  const walker = document.createTreeWalker(
    fragment,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.data.includes("__prefix__")) node.data = node.data.replaceAll("__prefix__", index);
      continue;
    }
    for (const attribute of node.attributes) {
      if (attribute.value.includes("__prefix__"))
        attribute.value = attribute.value.replaceAll("__prefix__", index);
    }
  }
  return fragment.querySelector("[data-row]");
}

function renumber(container) {
  let number = 0;
  for (const row of container.querySelectorAll("[data-row]")) {
    if (row.classList.contains("is-removed")) continue;
    number += 1;
    const label = row.querySelector("[data-row-number]");
    if (label) label.textContent = String(number);
  }
}

function enhanceRow(row, { config, addButton, onRemove, container }) {
  const checkbox = row.querySelector('input[type=checkbox][name$="-DELETE"]');
  if (!checkbox || row.dataset.enhanced) return;
  row.dataset.enhanced = "true";
  const wrapper = checkbox.closest(".member-row__delete");
  if (wrapper) wrapper.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary member-row__remove";
  const legend = row.querySelector("legend")?.textContent?.trim() || "";
  button.textContent = config.strings.remove;
  button.setAttribute("aria-label", `${config.strings.remove}: ${legend}`);
  button.addEventListener("click", () => {
    checkbox.checked = true;
    row.classList.add("is-removed");
    renumber(container);
    announce(config.strings.removed);
    addButton.focus();
    onRemove?.();
  });
  row.querySelector(".member-row__fields")?.append(button);
}
