// Data module: what a printed or exported map must say about itself — the peildatum, the
// layers and how they are drawn, the active filters and the sources. Pure: no DOM, no Leaflet.

const LAYER_KEYS = {
  gemeenten: "municipalities",
  provincies: "provinces",
  gebieden: "footprints",
  netwerk: "network",
  bre: "bre",
};

const listOf = (values, names) => values.map((value) => names?.[value] || value).join(", ");

function filterLines(filters, labels) {
  const { strings, config } = labels;
  const parts = [];
  const add = (label, text) => text && parts.push(`${label}: ${text}`);
  add(strings.themes, listOf(filters.thema, config.themes));
  add(strings.legalFormFamily, listOf(filters.rechtsvormFamilie, config.families));
  add(strings.legalForm, listOf(filters.rechtsvorm, config.forms));
  if (filters.verplicht) {
    add(strings.mandatory, filters.verplicht === "true" ? strings.yes : strings.no);
  }
  add(
    strings.division,
    filters.indeling && (config.divisions?.[filters.indeling] || filters.indeling),
  );
  add(
    strings.province,
    filters.provincie && (config.provinces?.[filters.provincie] || filters.provincie),
  );
  add(strings.search, filters.zoek && `“${filters.zoek}”`);
  return parts;
}

/** The lines that describe the map of ``state``: peildatum, layers (with their drawing mode),
 *  filters and sources. ``labels`` = {strings, config} from the page's json_script. */
export function mapContext(state, labels) {
  const { strings, config } = labels;
  const day = state.filters.peildatum || `${strings.today} (${config.today})`;
  const layers = state.lagen.map((layer) => strings[LAYER_KEYS[layer]] || layer);
  if (state.lagen.includes("gebieden")) {
    layers.push(state.stijl === "thema" ? strings.byTheme : strings.byFamily);
  }
  if (state.lagen.includes("netwerk")) layers.push(`${strings.threshold} ${state.drempel}`);
  const filters = filterLines(state.filters, labels);
  return [
    `${strings.peildatum}: ${day}`,
    `${strings.layers}: ${layers.join("; ") || "—"}`,
    `${strings.filters}: ${filters.join("; ") || strings.noFilters}`,
    `${strings.sources}: ${config.attribution}`,
  ];
}
