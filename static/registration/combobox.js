// Search-as-you-type on a text input, as an ARIA 1.2 combobox with a listbox popup:
// arrow keys move through the options, Enter or Tab chooses, Escape closes. Typing stays
// free: without choosing, the server resolves the typed name or CBS code.
import { announce, debounce, format } from "./dom.js";
import { searchMembers, searchOrganisations } from "./search_data.js";

export function enhanceComboboxes(root, config, { onChange }) {
  for (const input of root.querySelectorAll("input[data-combobox]")) {
    if (input.dataset.enhanced || input.name.includes("__prefix__")) continue;
    input.dataset.enhanced = "true";
    const kind = input.dataset.combobox;
    const search =
      kind === "organisaties"
        ? (text) => searchOrganisations(config.organisationSearch, text)
        : (text) => searchMembers(config.memberSearch, text);
    createCombobox(input, search, config, kind, onChange);
  }
}

function createCombobox(input, search, config, kind, onChange) {
  const list = document.createElement("ul");
  list.id = `${input.id || input.name}-lijst`; // Django gives every field a unique id
  list.className = "combobox__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels?.[0]?.textContent?.trim() || "");
  list.hidden = true;
  input.parentElement.classList.add("combobox");
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let options = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    for (const [i, li] of [...list.children].entries()) {
      li.setAttribute("aria-selected", String(i === index));
    }
    const current = list.children[index];
    if (current) {
      input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    }
  };
  const choose = (index) => {
    const option = options[index];
    if (!option) return;
    applyChoice(input, option, kind);
    close();
    onChange?.();
  };
  const render = (results) => {
    options = results;
    list.replaceChildren(
      ...results.map((result, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.className = "combobox__option";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = result.label;
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(i);
        });
        return li;
      }),
    );
    const open = results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
    announce(
      open ? format(config.strings.results, { n: results.length }) : config.strings.noResults,
    );
  };
  const lookup = debounce(async () => {
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    try {
      render(await search(text));
    } catch {
      close();
    }
  }, 200);

  input.addEventListener("input", () => {
    if (kind === "organisaties") clearOrganisation(input);
    lookup();
  });
  input.addEventListener("change", () => onChange?.());
  // Each key: what it does while the list is open (and, for ArrowDown, while it is closed).
  const chosen = () => active >= 0;
  const keys = {
    ArrowDown: (event, open) => {
      event.preventDefault();
      if (open) highlight(Math.min(active + 1, options.length - 1));
      else lookup();
    },
    ArrowUp: (event, open) => {
      if (!open) return;
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    },
    Enter: (event, open) => {
      if (!open || !chosen()) return;
      event.preventDefault();
      choose(active);
    },
    Tab: (_event, open) => {
      if (open && chosen()) choose(active);
    },
    Escape: (event, open) => {
      if (!open) return;
      event.preventDefault();
      close();
    },
  };
  input.addEventListener("keydown", (event) => keys[event.key]?.(event, !list.hidden));
  input.addEventListener("blur", () => window.setTimeout(close, 150));
}

function rowOf(input) {
  return input.closest("[data-row]");
}

function field(row, name) {
  return row?.querySelector(`[name$="-${name}"]`);
}

function applyChoice(input, option, kind) {
  if (kind !== "organisaties") {
    input.value = option.label.replace(/, opgeheven.*$/, "");
    return;
  }
  const row = rowOf(input);
  input.value = option.naam;
  const id = field(row, "organisation_id");
  const soort = field(row, "organisation_kind");
  const kvk = field(row, "kvk_number");
  if (id) id.value = option.id;
  if (soort && option.soort) soort.value = option.soort;
  if (kvk) kvk.value = option.kvkNummer || "";
}

function clearOrganisation(input) {
  const id = field(rowOf(input), "organisation_id");
  if (id) id.value = "";
}
