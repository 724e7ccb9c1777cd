// Rendering module (DOM): the side panel. "What is here?" (every arrangement at a point,
// grouped by theme or legal form), a municipality (arrangements, partners, official regions,
// BRE) and an arrangement (form, themes, members). Built from DOM nodes, never from markup.
import { badgeOf, isOfficial } from "../data/kinds.js";
import { format, h, nodes } from "./dom.js";

/** Rows grouped by theme (a row with two themes is in both) or by legal form family (a region
 *  of a division of the Rijk or a statistical division by its kind); the biggest group first. */
export function groupRows(rows, group, config, strings) {
  const groups = new Map();
  const add = (key, label, row) => {
    if (!groups.has(key)) groups.set(key, { key, label, rows: [] });
    groups.get(key).rows.push(row);
  };
  for (const row of rows) {
    if (group === "rechtsvorm" && isOfficial(row)) {
      add(row.soort, config.kinds?.[row.soort] || row.soort, row);
    } else if (group === "rechtsvorm") {
      add(
        row.rechtsvormFamilie,
        config.families[row.rechtsvormFamilie] || row.rechtsvormFamilie,
        row,
      );
    } else if (row.themas.length) {
      for (const slug of row.themas) add(slug, config.themes[slug] || slug, row);
    } else add("", strings.noTheme, row);
  }
  return [...groups.values()].sort(
    (a, b) => b.rows.length - a.rows.length || a.label.localeCompare(b.label),
  );
}

const button = (action, value, label, extra = {}) =>
  h(
    "button",
    { type: "button", class: "link-button", "data-action": action, "data-value": value, ...extra },
    label,
  );

export function createPanel(element, { config, strings }) {
  const handlers = {};
  const s = strings;
  const pages = config.pages;

  element.addEventListener("click", (event) => {
    const target = event.target.closest("button[data-action]");
    if (!target) return;
    const { action, value } = target.dataset;
    if (action === "close") handlers.onClose();
    else if (action === "arrangement") handlers.onSelectArrangement(value);
    else if (action === "municipality") handlers.onSelectMunicipality(value);
    else if (action === "group") handlers.onGroup(value);
    else if (action === "back") handlers.onBack();
  });

  function open(children, focus = true) {
    element.hidden = false;
    element.replaceChildren(...nodes(children));
    if (focus) element.querySelector("[data-focus]")?.focus();
  }

  const head = (title, extra = null) => [
    h(
      "div",
      { class: "panel__head" },
      h("h2", { class: "panel__title", tabindex: "-1", "data-focus": true }, title),
      h(
        "button",
        {
          type: "button",
          class: "button button--icon",
          "data-action": "close",
          "aria-label": s.close,
        },
        "×",
      ),
    ),
    extra,
  ];

  function badge(row) {
    const { css, label } = badgeOf(row, config);
    return [
      h("span", { class: `badge badge--${css}` }, label),
      row.verplicht === true ? ` · ${s.mandatory}` : null,
    ];
  }

  function list(rows, group) {
    return groupRows(rows, group, config, s).map((g) =>
      h(
        "section",
        { class: "group" },
        h(
          "h3",
          { class: "group__title" },
          `${g.label} `,
          h("span", { class: "count" }, `(${g.rows.length})`),
        ),
        h(
          "ul",
          { class: "results" },
          g.rows.map((row) =>
            h(
              "li",
              { class: "result" },
              button("arrangement", row.id, row.naam, { "aria-pressed": "false" }),
              " ",
              h("span", { class: "result__meta" }, badge(row)),
            ),
          ),
        ),
      ),
    );
  }

  function groupSwitch(group) {
    const toggle = (value, label) =>
      h(
        "button",
        {
          type: "button",
          class: "toggle",
          "data-action": "group",
          "data-value": value,
          "aria-pressed": String(group === value),
        },
        label,
      );
    return h(
      "div",
      { class: "toggles", role: "group", "aria-label": s.arrangements },
      toggle("thema", s.byThemeHeading),
      toggle("rechtsvorm", s.byFormHeading),
    );
  }

  function municipalitySection(detail) {
    if (!detail) {
      return h(
        "section",
        { class: "panel__section", id: "panel-gemeente", "aria-busy": "true" },
        h("p", {}, s.loading),
      );
    }
    const partners = detail.partners.map((p) =>
      h(
        "li",
        {},
        button("municipality", p.code, p.naam),
        " ",
        h("span", { class: "count" }, p.gedeeld),
      ),
    );
    const regions = detail.officieleRegios.map((r) =>
      h("li", {}, h("span", { class: "muted" }, `${r.indelingNaam}:`), ` ${r.regio}`),
    );
    const count = detail.samenwerkingsverbanden.length;
    return h(
      "section",
      { class: "panel__section", id: "panel-gemeente" },
      h("h3", {}, `${s.municipality} ${detail.naam}`),
      h(
        "p",
        {},
        `${detail.provincieNaam || ""} · `,
        h("strong", {}, count),
        ` ${s.arrangementsCount.toLowerCase()}`,
      ),
      partners.length ? [h("h4", {}, s.partners), h("ol", { class: "partners" }, partners)] : null,
      regions.length
        ? [h("h4", {}, s.officialRegions), h("ul", { class: "regions" }, regions)]
        : null,
      detail.bre ? [h("h4", {}, s.bre), h("p", {}, detail.bre)] : null,
      h(
        "p",
        {},
        h("a", { href: `${pages.gemeente}${detail.code}` }, `${s.profile}: ${detail.naam}`),
      ),
    );
  }

  // A list row names themes and the division by slug; the detail has their names.
  const rowNames = (row) => ({
    themes: (row.themas ?? []).map((slug) => config.themes[slug] || slug),
    division: config.divisions[row.indeling],
  });
  const detailNames = (detail) => ({
    themes: detail.themas.map((t) => t.naam),
    division: detail.indelingNaam,
  });

  function arrangementFacts(row, detail) {
    const data = { ...row, ...detail };
    const { themes, division } = detail ? detailNames(detail) : rowNames(row);
    const yesNo = { true: s.yes, false: s.no }[data.verplicht] ?? s.unknown;
    const fact = (term, ...value) => [h("dt", {}, term), h("dd", {}, value)];
    return h(
      "dl",
      { class: "facts" },
      isOfficial(data) ? fact(s.kind, badge(data)) : fact(s.legalFormFamily, badge(data)),
      isOfficial(data) ? null : fact(s.legalForm, config.forms[data.rechtsvorm] || s.unknown),
      fact(s.mandatory, yesNo),
      fact(s.themes, themes.join(", ") || s.noTheme),
      data.indeling ? fact(s.division, division || data.indeling) : null,
      fact(s.memberCount, data.aantalLeden ?? ""),
    );
  }

  function members(row, detail) {
    const municipalities = detail
      ? detail.ledenOpPeildatum.map((m) => h("li", {}, button("municipality", m.code, m.naam)))
      : (row.gemeenten ?? []).map((code) => h("li", {}, button("municipality", code, code)));
    const others = (detail?.leden ?? [])
      .filter((m) => m.soort !== "gemeente" && m.opPeildatum)
      .map((m) => h("li", {}, m.naam));
    return [
      municipalities.length
        ? [h("h3", {}, s.members), h("ul", { class: "members" }, municipalities)]
        : null,
      others.length ? h("ul", { class: "members" }, others) : null,
    ];
  }

  return {
    /** handlers: onClose(), onSelectArrangement(id), onSelectMunicipality(code),
     *  onGroup(groep), onBack(). */
    handle(next) {
      Object.assign(handlers, next);
    },
    loading(title, focus = true) {
      open([head(title), h("p", { "aria-busy": "true" }, s.loading)], focus);
    },
    error(title, message, focus = false) {
      open([head(title), h("p", { class: "notice notice--error" }, message || s.loadError)], focus);
    },
    here({ lon, lat, municipality, rows, group, focus = true }) {
      const where = h(
        "p",
        { class: "panel__where" },
        municipality
          ? [`${s.municipality} `, button("municipality", municipality.code, municipality.naam)]
          : null,
        " ",
        h("span", { class: "muted" }, `(${lat.toFixed(4)}, ${lon.toFixed(4)})`),
      );
      const count = h(
        "p",
        { class: "panel__count", id: "here-count" },
        format(s.hereCount, { n: rows.length }),
      );
      const body = rows.length ? [groupSwitch(group), list(rows, group)] : h("p", {}, s.hereNone);
      open(
        [
          head(s.here, [where, count]),
          h("div", { id: "here-list", "aria-labelledby": "here-count" }, body),
          municipality ? municipalitySection(null) : null,
        ],
        focus,
      );
    },
    municipality({ detail, group, focus = true }) {
      const rows = detail.samenwerkingsverbanden;
      open(
        [
          head(detail.naam),
          h(
            "p",
            { class: "panel__count", id: "here-count" },
            format(s.results, { n: rows.length }),
          ),
          municipalitySection(detail),
          rows.length ? [groupSwitch(group), list(rows, group)] : null,
        ],
        focus,
      );
    },
    fillMunicipality(detail) {
      element.querySelector("#panel-gemeente")?.replaceWith(municipalitySection(detail));
    },
    /** An arrangement: ``row`` from a list (may be null), ``detail`` from its own endpoint
     *  (null while it loads). */
    arrangement({ row, detail, canGoBack, focus = true }) {
      const data = { ...row, ...detail };
      const back = canGoBack
        ? h(
            "button",
            { type: "button", class: "button button--secondary", "data-action": "back" },
            `← ${s.here}`,
          )
        : null;
      open(
        [
          head(data.naam || s.arrangement, back),
          arrangementFacts(row ?? {}, detail),
          data.omschrijving ? h("p", {}, data.omschrijving) : null,
          data.slug
            ? h(
                "p",
                {},
                h(
                  "a",
                  { href: `${pages.samenwerkingsverband}${data.id}-${data.slug}` },
                  `${s.profile}: ${data.naam}`,
                ),
              )
            : null,
          members(row ?? {}, detail),
        ],
        focus,
      );
    },
    close() {
      element.hidden = true;
      element.replaceChildren();
    },
  };
}
