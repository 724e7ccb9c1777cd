// Rendering module (DOM): the side panel. "What is here?" (every arrangement at a point,
// grouped by theme or legal form), a municipality (arrangements, partners, official regions,
// BRE) and an arrangement (form, themes, members).
import { esc, format } from "./dom.js";

export function groupRows(rows, group, config, strings) {
  const groups = new Map();
  const add = (key, label, row) => {
    if (!groups.has(key)) groups.set(key, { key, label, rows: [] });
    groups.get(key).rows.push(row);
  };
  for (const row of rows) {
    if (group === "rechtsvorm") {
      const family = config.families[row.rechtsvormFamilie] || row.rechtsvormFamilie;
      add(row.rechtsvormFamilie, family, row);
    } else if (row.themas && row.themas.length) {
      for (const slug of row.themas) add(slug, config.themes[slug] || slug, row);
    } else add("", strings.noTheme, row);
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length || a.label.localeCompare(b.label));
}

export function createPanel(element, { config, strings, handlers }) {
  const s = strings;
  const pages = config.pages;
  let current = { rows: [], group: "thema" };

  element.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const { action, value } = button.dataset;
    if (action === "close") handlers.onClose();
    else if (action === "arrangement") handlers.onSelectArrangement(value, findRow(value));
    else if (action === "municipality") handlers.onSelectMunicipality(value);
    else if (action === "group") handlers.onGroup(value);
    else if (action === "back") handlers.onBack();
  });

  function findRow(id) {
    return current.rows.find((r) => String(r.id) === String(id)) || null;
  }

  function open(html, focus = true) {
    element.hidden = false;
    element.innerHTML = html;
    if (focus) element.querySelector("[data-focus]")?.focus();
  }

  const head = (title, extra = "") => `<div class="panel__head">
      <h2 class="panel__title" tabindex="-1" data-focus>${esc(title)}</h2>
      <button type="button" class="button button--icon" data-action="close" aria-label="${esc(s.close)}">×</button>
    </div>${extra}`;

  const arrangementHref = (row) => `${pages.samenwerkingsverband}${row.id}-${row.slug}`;

  function badge(row) {
    const family = config.families[row.rechtsvormFamilie] || row.rechtsvormFamilie || "";
    const mandatory = row.verplicht === true ? ` · ${esc(s.mandatory)}` : "";
    return `<span class="badge badge--${esc(row.rechtsvormFamilie)}">${esc(family.split(" (")[0])}</span>${mandatory}`;
  }

  function list(rows, group, selectedId) {
    const groups = groupRows(rows, group, config, s);
    return groups.map((g) => `<section class="group">
        <h3 class="group__title">${esc(g.label)} <span class="count">(${g.rows.length})</span></h3>
        <ul class="results">${g.rows.map((row) => `<li class="result${String(row.id) === String(selectedId) ? " result--selected" : ""}">
          <button type="button" class="link-button" data-action="arrangement" data-value="${esc(row.id)}"
            aria-pressed="${String(row.id) === String(selectedId)}">${esc(row.naam)}</button>
          <span class="result__meta">${badge(row)}</span></li>`).join("")}</ul></section>`).join("");
  }

  function groupSwitch(group) {
    const button = (value, label) =>
      `<button type="button" class="toggle" data-action="group" data-value="${value}" aria-pressed="${group === value}">${esc(label)}</button>`;
    return `<div class="toggles" role="group" aria-label="${esc(s.arrangements)}">${button("thema", s.byThemeHeading)}${button("rechtsvorm", s.byFormHeading)}</div>`;
  }

  function municipalitySection(detail) {
    if (!detail) return `<section class="panel__section" id="panel-gemeente" aria-busy="true"><p>${esc(s.loading)}</p></section>`;
    const partners = (detail.partners || []).map((p) =>
      `<li><button type="button" class="link-button" data-action="municipality" data-value="${esc(p.code)}">${esc(p.naam)}</button> <span class="count">${esc(p.gedeeld)}</span></li>`).join("");
    const regions = (detail.officieleRegios || []).map((r) =>
      `<li><span class="muted">${esc(config.divisions[r.indeling] || r.indelingNaam)}:</span> ${esc(r.regio)}</li>`).join("");
    const bre = detail.bre ? `<h4>${esc(s.bre)}</h4><p>${esc(detail.bre)}</p>` : "";
    return `<section class="panel__section" id="panel-gemeente">
      <h3>${esc(s.municipality)} ${esc(detail.naam)}</h3>
      <p>${esc(detail.provincieNaam || "")} · <strong>${(detail.samenwerkingsverbanden || []).length}</strong> ${esc(s.arrangementsCount.toLowerCase())}</p>
      ${partners ? `<h4>${esc(s.partners)}</h4><ol class="partners">${partners}</ol>` : ""}
      ${regions ? `<h4>${esc(s.officialRegions)}</h4><ul class="regions">${regions}</ul>` : ""}
      ${bre}
      <p><a href="${pages.gemeente}${esc(detail.code)}">${esc(s.profile)}: ${esc(detail.naam)}</a></p>
    </section>`;
  }

  return {
    loading(title, focus = true) { open(head(title) + `<p aria-busy="true">${esc(s.loading)}</p>`, focus); },
    error(title, message, focus = false) {
      open(head(title) + `<p class="notice notice--error">${esc(message || s.loadError)}</p>`, focus);
    },
    here({ lon, lat, municipality, rows, group, selectedId, focus = true }) {
      current = { rows, group };
      const where = municipality
        ? `${esc(s.municipality)} <button type="button" class="link-button" data-action="municipality" data-value="${esc(municipality.code)}">${esc(municipality.naam)}</button>`
        : "";
      const intro = `<p class="panel__where">${where} <span class="muted">(${lat.toFixed(4)}, ${lon.toFixed(4)})</span></p>
        <p class="panel__count" id="here-count">${format(s.hereCount, { n: rows.length })}</p>`;
      const body = rows.length ? groupSwitch(group) + list(rows, group, selectedId) : `<p>${esc(s.hereNone)}</p>`;
      open(head(s.here, intro) + `<div id="here-list" aria-labelledby="here-count">${body}</div>` + (municipality ? municipalitySection(null) : ""), focus);
    },
    municipality({ detail, group, selectedId, focus = true }) {
      const rows = detail.samenwerkingsverbanden || [];
      current = { rows, group };
      open(head(detail.naam) + `<p class="panel__count" id="here-count">${format(s.results, { n: rows.length })}</p>` +
        municipalitySection(detail) + (rows.length ? groupSwitch(group) + list(rows, group, selectedId) : ""), focus);
    },
    fillMunicipality(detail) {
      const section = element.querySelector("#panel-gemeente");
      if (section) section.outerHTML = municipalitySection(detail);
    },
    arrangement({ row, detail, canGoBack, focus = true }) {
      const data = { ...(row || {}), ...(detail || {}) };
      const themes = (data.themas || []).map((t) => (typeof t === "string" ? config.themes[t] || t : t.naam)).join(", ");
      const members = detail?.ledenOpPeildatum
        ? detail.ledenOpPeildatum.map((m) => `<li><button type="button" class="link-button" data-action="municipality" data-value="${esc(m.code)}">${esc(m.naam)}</button></li>`).join("")
        : (data.gemeenten || []).map((code) => `<li><button type="button" class="link-button" data-action="municipality" data-value="${esc(code)}">${esc(code)}</button></li>`).join("");
      const others = (detail?.leden || []).filter((m) => m.soort !== "gemeente" && m.opPeildatum)
        .map((m) => `<li>${esc(m.naam)}</li>`).join("");
      const yesNo = data.verplicht === true ? s.yes : data.verplicht === false ? s.no : s.unknown;
      const back = canGoBack ? `<button type="button" class="button button--secondary" data-action="back">← ${esc(s.here)}</button>` : "";
      open(head(data.naam || s.arrangement, back) + `<dl class="facts">
        <dt>${esc(s.legalFormFamily)}</dt><dd>${badge(data)}</dd>
        <dt>${esc(s.legalForm)}</dt><dd>${esc(config.forms[data.rechtsvorm] || s.unknown)}</dd>
        <dt>${esc(s.mandatory)}</dt><dd>${esc(yesNo)}</dd>
        <dt>${esc(s.themes)}</dt><dd>${esc(themes || s.noTheme)}</dd>
        ${data.indeling ? `<dt>${esc(s.division)}</dt><dd>${esc(config.divisions[data.indeling] || data.indelingNaam || data.indeling)}</dd>` : ""}
        <dt>${esc(s.memberCount)}</dt><dd>${esc(data.aantalLeden ?? "")}</dd></dl>
        ${data.omschrijving ? `<p>${esc(data.omschrijving)}</p>` : ""}
        <p><a href="${arrangementHref(data)}">${esc(s.profile)}: ${esc(data.naam)}</a></p>
        ${members ? `<h3>${esc(s.members)}</h3><ul class="members">${members}</ul>` : ""}
        ${others ? `<ul class="members">${others}</ul>` : ""}`, focus);
    },
    close() { element.hidden = true; element.innerHTML = ""; current = { rows: [], group: "thema" }; },
  };
}
