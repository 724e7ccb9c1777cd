// Rendering module (DOM): the search box, an ARIA 1.2 combobox with suggestions for
// municipalities and arrangements. Enter without a chosen suggestion searches arrangement names.
import { esc, format } from "./dom.js";

const MAX_PER_KIND = 6;

export function createSearch(input, listbox, status, { strings, sources, handlers }) {
  let options = [];
  let active = -1;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render() {
    listbox.innerHTML = options.map((o, i) => `<li id="zoek-optie-${i}" role="option" class="option"
      aria-selected="${i === active}" data-index="${i}"><span>${esc(o.label)}</span>
      <span class="option__kind">${esc(o.kindLabel)}</span></li>`).join("");
    listbox.hidden = !options.length;
    input.setAttribute("aria-expanded", String(options.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `zoek-optie-${active}`);
    else input.removeAttribute("aria-activedescendant");
  }

  function suggest() {
    const q = input.value.trim().toLowerCase();
    if (q.length < 2) { options = []; close(); return; }
    const municipalities = sources.municipalities()
      .filter((m) => m.naam.toLowerCase().includes(q)).slice(0, MAX_PER_KIND)
      .map((m) => ({ kind: "gemeente", value: m.code, label: m.naam, kindLabel: strings.suggestMunicipality }));
    const arrangements = sources.arrangements()
      .filter((a) => a[2].toLowerCase().includes(q) || (a[3] || "").toLowerCase().includes(q)).slice(0, MAX_PER_KIND)
      .map((a) => ({ kind: "samenwerkingsverband", value: String(a[0]), label: a[2], kindLabel: strings.suggestArrangement }));
    options = [
      { kind: "zoek", value: input.value.trim(), label: format(strings.suggestSearch, { q: input.value.trim() }), kindLabel: "" },
      ...municipalities, ...arrangements,
    ];
    active = -1;
    render();
    status.textContent = format(strings.suggestionsCount, { n: options.length - 1 });
  }

  function choose(option) {
    close();
    if (!option) return;
    if (option.kind === "zoek") handlers.onSearch(option.value);
    else if (option.kind === "gemeente") { input.value = ""; handlers.onMunicipality(option.value); }
    else { input.value = ""; handlers.onArrangement(option.value); }
  }

  input.addEventListener("input", suggest);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (listbox.hidden) { suggest(); }
      if (!options.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + options.length) % options.length;
      render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) choose(options[active]);
      else { close(); handlers.onSearch(input.value.trim()); }
    } else if (event.key === "Escape") {
      if (!listbox.hidden) { event.preventDefault(); close(); }
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 150));
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const item = event.target.closest("[data-index]");
    if (item) choose(options[Number(item.dataset.index)]);
  });
  return { close };
}
