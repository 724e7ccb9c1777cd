// Rendering module (DOM): the table view, equivalent to the map. Municipalities with their
// counts, the arrangements under the filters, the network pairs and the BRE clusters.
import { esc, format } from "./dom.js";

const MAX_ROWS = 500;
const language = document.documentElement.lang || "nl";

export function createTables(element, { config, strings, handlers }) {
  const s = strings;
  const sections = {};
  for (const key of ["gemeenten", "samenwerkingsverbanden", "netwerk", "bre"]) {
    sections[key] = element.querySelector(`[data-table="${key}"]`);
  }
  element.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "municipality") handlers.onSelectMunicipality(button.dataset.value);
    if (button.dataset.action === "arrangement") handlers.onSelectArrangement(button.dataset.value, null);
  });

  const body = (key) => sections[key]?.querySelector("[data-body]");
  const setHidden = (key, hidden) => { if (sections[key]) sections[key].hidden = hidden; };
  const message = (key, text) => { const b = body(key); if (b) b.innerHTML = `<p>${esc(text)}</p>`; };
  // A reload re-renders a table: a keyboard user keeps focus on the same row's button.
  const keepFocus = (key, render) => {
    const focused = document.activeElement;
    const inside = focused && sections[key]?.contains(focused) && focused.dataset.action;
    const wanted = inside ? [focused.dataset.action, focused.dataset.value] : null;
    render();
    if (wanted) {
      const again = [...(body(key)?.querySelectorAll("button[data-action]") || [])]
        .find((b) => b.dataset.action === wanted[0] && b.dataset.value === wanted[1]);
      again?.focus();
    }
  };

  return {
    municipalities(collection, counts, selected) {
      const rows = (collection?.features || []).map((f) => f.properties)
        .map((p) => ({ ...p, n: counts.get(p.code) ?? 0 }))
        .sort((a, b) => b.n - a.n || a.naam.localeCompare(b.naam));
      keepFocus("gemeenten", () => { body("gemeenten").innerHTML = `<table class="data-table">
        <caption>${esc(s.municipalitiesTable)} (${rows.length})</caption>
        <thead><tr><th scope="col">${esc(s.municipality)}</th><th scope="col">${esc(s.province)}</th>
        <th scope="col" class="num">${esc(s.arrangementsCount)}</th></tr></thead>
        <tbody>${rows.map((r) => `<tr${r.code === selected ? ' class="is-selected"' : ""}>
          <th scope="row"><button type="button" class="link-button" data-action="municipality" data-value="${esc(r.code)}">${esc(r.naam)}</button></th>
          <td>${esc(r.provincieNaam || "")}</td><td class="num">${r.n}</td></tr>`).join("")}</tbody></table>`; });
    },
    arrangementsLoading() { message("samenwerkingsverbanden", s.loading); },
    arrangements(data, error) {
      if (error) { message("samenwerkingsverbanden", error.status === 404 ? s.notAvailable : s.loadError); return; }
      const rows = data?.samenwerkingsverbanden || [];
      const total = data?.totaal ?? rows.length;
      const more = total > rows.length ? `<p class="muted">${format(s.moreRows, { n: rows.length, total })}</p>` : "";
      body("samenwerkingsverbanden").innerHTML = `<table class="data-table">
        <caption>${esc(s.arrangementsTable)} (${total})</caption>
        <thead><tr><th scope="col">${esc(s.name)}</th><th scope="col">${esc(s.legalFormFamily)}</th>
        <th scope="col">${esc(s.themes)}</th><th scope="col" class="num">${esc(s.memberCount)}</th></tr></thead>
        <tbody>${rows.map((r) => `<tr>
          <th scope="row"><button type="button" class="link-button" data-action="arrangement" data-value="${esc(r.id)}">${esc(r.naam)}</button></th>
          <td>${esc((config.families[r.rechtsvormFamilie] || r.rechtsvormFamilie || "").split(" (")[0])}</td>
          <td>${esc((r.themas || []).map((t) => config.themes[t] || t).join(", "))}</td>
          <td class="num">${esc(r.aantalLeden ?? "")}</td></tr>`).join("")}</tbody></table>${more}`;
    },
    network(geojson, threshold, visible, error) {
      setHidden("netwerk", !visible);
      if (!visible) return;
      if (error) { message("netwerk", error.status === 404 ? s.notAvailable : s.loadError); return; }
      if (!geojson) { message("netwerk", s.loading); return; }
      const rows = geojson.features.map((f) => f.properties);
      const shown = rows.slice(0, MAX_ROWS);
      body("netwerk").innerHTML = `<table class="data-table">
        <caption>${esc(s.networkTable)}: ${esc(s.threshold)} ${threshold} (${rows.length})</caption>
        <thead><tr><th scope="col">${esc(s.municipality)}</th><th scope="col">${esc(s.municipality)}</th>
        <th scope="col" class="num">${esc(s.sharedCount)}</th></tr></thead>
        <tbody>${shown.map((r) => `<tr><td>${esc(r.bronNaam)}</td><td>${esc(r.doelNaam)}</td><td class="num">${r.gedeeld}</td></tr>`).join("")}</tbody>
        </table>${rows.length > shown.length ? `<p class="muted">${format(s.moreRows, { n: shown.length, total: rows.length })}</p>` : ""}`;
    },
    bre(clusters, visible, note) {
      setHidden("bre", !visible);
      if (!visible) return;
      if (note) { message("bre", note); return; }
      const rows = (clusters?.features || []).map((f) => f.properties);
      // The measures the research compares, in its order; other plain fields after them.
      const known = Object.keys(s.breColumns).filter((k) => rows.some((r) => k in r));
      const plain = (k) => rows.every((r) => typeof r[k] !== "object" || r[k] === null);
      const keys = known.length ? known : [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(plain);
      body("bre").innerHTML = `<div class="table-scroll"><table class="data-table"><caption>${esc(s.breTable)} (${rows.length})</caption>
        <thead><tr>${keys.map((k) => `<th scope="col">${esc(s.breColumns[k] || k)}</th>`).join("")}</tr></thead>
        <tbody>${rows.map((r) => `<tr>${keys.map((k) => typeof r[k] === "number"
          ? `<td class="num">${esc(r[k].toLocaleString(language, { maximumFractionDigits: 2 }))}</td>`
          : `<td>${esc(r[k])}</td>`).join("")}</tr>`).join("")}</tbody></table></div>`;
    },
  };
}
