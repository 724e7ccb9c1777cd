// Rendering module (DOM): the search box, an ARIA 1.2 combobox with suggestions for
// municipalities and arrangements. Enter without a chosen suggestion searches arrangement names.
import { format, h } from "./dom.js";

const MAX_PER_KIND = 6;

/** The suggestions for what is typed (at least two characters): first "search names for
 *  ...", then up to six municipalities (``sources.municipalities()``: {code, naam}) and six
 *  arrangements (``sources.arrangements()``: [id, slug, name, short name, themes]). */
export function suggestionsFor(typed, sources, strings) {
  const text = typed.trim();
  const q = text.toLowerCase();
  if (q.length < 2) return [];
  const municipalities = sources
    .municipalities()
    .filter((m) => m.naam.toLowerCase().includes(q))
    .slice(0, MAX_PER_KIND)
    .map((m) => ({
      kind: "gemeente",
      value: m.code,
      label: m.naam,
      kindLabel: strings.suggestMunicipality,
    }));
  const arrangements = sources
    .arrangements()
    .filter(
      ([, , name, short]) =>
        name.toLowerCase().includes(q) || (short || "").toLowerCase().includes(q),
    )
    .slice(0, MAX_PER_KIND)
    .map(([id, , name]) => ({
      kind: "samenwerkingsverband",
      value: String(id),
      label: name,
      kindLabel: strings.suggestArrangement,
    }));
  const search = {
    kind: "zoek",
    value: text,
    label: format(strings.suggestSearch, { q: text }),
    kindLabel: "",
  };
  return [search, ...municipalities, ...arrangements];
}

export function createSearch(input, listbox, status, { strings }) {
  const handlers = {};
  const sources = { municipalities: () => [], arrangements: () => [] };
  let options = [];
  let active = -1;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render() {
    listbox.replaceChildren(
      ...options.map((o, i) =>
        h(
          "li",
          {
            id: `zoek-optie-${i}`,
            role: "option",
            class: "option",
            "aria-selected": String(i === active),
            "data-index": i,
          },
          h("span", {}, o.label),
          " ",
          h("span", { class: "option__kind" }, o.kindLabel),
        ),
      ),
    );
    listbox.hidden = !options.length;
    input.setAttribute("aria-expanded", String(options.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `zoek-optie-${active}`);
    else input.removeAttribute("aria-activedescendant");
  }

  function suggest() {
    options = suggestionsFor(input.value, sources, strings);
    active = -1;
    if (!options.length) {
      close();
      return;
    }
    render();
    status.textContent = format(strings.suggestionsCount, { n: options.length - 1 });
  }

  function choose(option) {
    close();
    if (!option) return;
    if (option.kind === "zoek") handlers.onSearch(option.value);
    else if (option.kind === "gemeente") {
      input.value = "";
      handlers.onMunicipality(option.value);
    } else {
      input.value = "";
      handlers.onArrangement(option.value);
    }
  }

  input.addEventListener("input", suggest);
  input.addEventListener("focus", () => handlers.onFocus?.());
  function move(event) {
    if (listbox.hidden) suggest();
    if (!options.length) return;
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    active = (active + step + options.length) % options.length;
    render();
  }

  function enter(event) {
    event.preventDefault();
    if (active >= 0) choose(options[active]);
    else {
      close();
      handlers.onSearch(input.value.trim());
    }
  }

  function dismiss(event) {
    if (listbox.hidden) return;
    event.preventDefault();
    close();
  }

  const keys = { ArrowDown: move, ArrowUp: move, Enter: enter, Escape: dismiss };
  input.addEventListener("keydown", (event) => keys[event.key]?.(event));
  input.addEventListener("blur", () => window.setTimeout(close, 150));
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const item = event.target.closest("[data-index]");
    if (item) choose(options[Number(item.dataset.index)]);
  });
  return {
    /** sources: municipalities(), arrangements(); handlers: onSearch(text),
     *  onMunicipality(code), onArrangement(id), onFocus(). */
    handle({ sources: given, ...next }) {
      Object.assign(sources, given);
      Object.assign(handlers, next);
    },
    close,
    /** Suggest again for what is typed (a source has come), while the box has the focus. */
    refresh() {
      if (input.ownerDocument.activeElement === input && input.value.trim().length >= 2) suggest();
    },
  };
}
