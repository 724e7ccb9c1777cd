// Rendering module (DOM): the table view, equivalent to the map. Municipalities with their
// counts, the arrangements under the filters, the network pairs and the BRE clusters. Built
// from DOM nodes, never from markup.
import { badgeOf } from "../data/kinds.js";
import { format, h } from "./dom.js";

const MAX_ROWS = 500;

const headRow = (labels) =>
  h(
    "thead",
    {},
    h(
      "tr",
      {},
      labels.map(([label, numeric]) =>
        h("th", { scope: "col", class: numeric ? "num" : null }, label),
      ),
    ),
  );

const rowButton = (action, value, label) =>
  h(
    "button",
    { type: "button", class: "link-button", "data-action": action, "data-value": value },
    label,
  );

export function createTables(element, { config, strings }) {
  const handlers = {};
  const s = strings;
  const language = document.documentElement.lang || "nl";
  const sections = {};
  for (const key of ["gemeenten", "samenwerkingsverbanden", "netwerk", "bre"]) {
    sections[key] = element.querySelector(`[data-table="${key}"]`);
  }
  element.addEventListener("click", (event) => {
    const target = event.target.closest("button[data-action]");
    if (!target) return;
    if (target.dataset.action === "municipality")
      handlers.onSelectMunicipality(target.dataset.value);
    if (target.dataset.action === "arrangement") handlers.onSelectArrangement(target.dataset.value);
  });

  const body = (key) => sections[key]?.querySelector("[data-body]");
  const fill = (key, ...children) => body(key)?.replaceChildren(...children);
  const setHidden = (key, hidden) => {
    if (sections[key]) sections[key].hidden = hidden;
  };
  const message = (key, text) => fill(key, h("p", {}, text));
  const more = (shown, total) =>
    total > shown ? h("p", { class: "muted" }, format(s.moreRows, { n: shown, total })) : "";
  // A reload re-renders a table: a keyboard user keeps focus on the same row's button.
  const keepFocus = (key, render) => {
    const focused = document.activeElement;
    const inside = focused && sections[key]?.contains(focused) && focused.dataset.action;
    const wanted = inside ? [focused.dataset.action, focused.dataset.value] : null;
    render();
    if (wanted) {
      const again = [...(body(key)?.querySelectorAll("button[data-action]") ?? [])].find(
        (b) => b.dataset.action === wanted[0] && b.dataset.value === wanted[1],
      );
      again?.focus();
    }
  };
  const number = (value) => value.toLocaleString(language, { maximumFractionDigits: 2 });

  return {
    /** handlers: onSelectMunicipality(code), onSelectArrangement(id). */
    handle(next) {
      Object.assign(handlers, next);
    },
    municipalities(collection, counts, selected) {
      const rows = (collection?.features ?? [])
        .map((f) => ({ ...f.properties, n: counts.get(f.properties.code) ?? 0 }))
        .sort((a, b) => b.n - a.n || a.naam.localeCompare(b.naam));
      keepFocus("gemeenten", () =>
        fill(
          "gemeenten",
          h(
            "table",
            { class: "data-table" },
            h("caption", {}, `${s.municipalitiesTable} (${rows.length})`),
            headRow([[s.municipality], [s.province], [s.arrangementsCount, true]]),
            h(
              "tbody",
              {},
              rows.map((r) =>
                h(
                  "tr",
                  { class: r.code === selected ? "is-selected" : null },
                  h("th", { scope: "row" }, rowButton("municipality", r.code, r.naam)),
                  h("td", {}, r.provincieNaam || ""),
                  h("td", { class: "num" }, r.n),
                ),
              ),
            ),
          ),
        ),
      );
    },
    arrangementsLoading() {
      message("samenwerkingsverbanden", s.loading);
    },
    arrangements(data, error) {
      if (error) {
        message("samenwerkingsverbanden", error.status === 404 ? s.notAvailable : s.loadError);
        return;
      }
      const rows = data.samenwerkingsverbanden;
      const total = data.totaal ?? rows.length;
      const family = (row) => badgeOf(row, config).label;
      fill(
        "samenwerkingsverbanden",
        h(
          "table",
          { class: "data-table" },
          h("caption", {}, `${s.arrangementsTable} (${total})`),
          headRow([[s.name], [s.legalFormFamily], [s.themes], [s.memberCount, true]]),
          h(
            "tbody",
            {},
            rows.map((r) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, rowButton("arrangement", r.id, r.naam)),
                h("td", {}, family(r)),
                h("td", {}, r.themas.map((t) => config.themes[t] || t).join(", ")),
                h("td", { class: "num" }, r.aantalLeden ?? ""),
              ),
            ),
          ),
        ),
        more(rows.length, total),
      );
    },
    network(geojson, threshold, visible, error) {
      setHidden("netwerk", !visible);
      if (!visible) return;
      if (error) {
        message("netwerk", error.status === 404 ? s.notAvailable : s.loadError);
        return;
      }
      if (!geojson) {
        message("netwerk", s.loading);
        return;
      }
      const rows = geojson.features.map((f) => f.properties);
      const shown = rows.slice(0, MAX_ROWS);
      fill(
        "netwerk",
        h(
          "table",
          { class: "data-table" },
          h("caption", {}, `${s.networkTable}: ${s.threshold} ${threshold} (${rows.length})`),
          headRow([[s.municipality], [s.municipality], [s.sharedCount, true]]),
          h(
            "tbody",
            {},
            shown.map((r) =>
              h(
                "tr",
                {},
                h("td", {}, r.bronNaam),
                h("td", {}, r.doelNaam),
                h("td", { class: "num" }, r.gedeeld),
              ),
            ),
          ),
        ),
        more(shown.length, rows.length),
      );
    },
    /** The clusters of a run (GeoJSON), in the columns the research compares (strings.breColumns). */
    bre(clusters, visible, note) {
      setHidden("bre", !visible);
      if (!visible) return;
      if (note) {
        message("bre", note);
        return;
      }
      const rows = clusters.features.map((f) => f.properties);
      const keys = Object.keys(s.breColumns).filter((k) => rows.some((r) => k in r));
      const cell = (value) =>
        typeof value === "number"
          ? h("td", { class: "num" }, number(value))
          : h("td", {}, value ?? "");
      fill(
        "bre",
        h(
          "div",
          // focusable, so that a keyboard can scroll a wide table (long cluster labels)
          { class: "table-scroll", tabindex: 0, role: "region", "aria-label": s.breTable },
          h(
            "table",
            { class: "data-table" },
            h("caption", {}, `${s.breTable} (${rows.length})`),
            headRow(keys.map((k) => [s.breColumns[k]])),
            h(
              "tbody",
              {},
              rows.map((r) =>
                h(
                  "tr",
                  {},
                  keys.map((k) => cell(r[k])),
                ),
              ),
            ),
          ),
        ),
      );
    },
  };
}
