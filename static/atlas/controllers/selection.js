// Controller of the selection and the side panel: "what is here?" at a point (a click, or
// Enter on the map), a municipality or an arrangement. It shows the marker, the selected
// footprint and the highlighted members, fills the panel, and zooms to a selection the user
// made (never to one that came with the permalink and its own map view).
import { rowsOf } from "../data/api.js";
import { createLatest } from "../data/latest.js";
import { formatPoint, parsePoint } from "../data/permalink.js";
import { anyChanged } from "./layers.js";

/** The selection as {kind: "gm" | "sv" | "", id}. */
export function parseSelection(value) {
  const [kind, id = ""] = value.split(":");
  return kind === "gm" || kind === "sv" ? { kind, id } : { kind: "", id: "" };
}

/** Where to zoom once a selection from the permalink has loaded (none with a map view). */
export function initialFit(state) {
  if (state.kaart) return null;
  const { kind, id } = parseSelection(state.selectie);
  return kind === "gm" ? { municipality: id } : { arrangement: true };
}

export function createSelection(deps) {
  const { store, api, panel, marker, footprint, municipalities, bre, strings } = deps;
  const latest = createLatest();
  const shown = { fit: null, rows: [], members: [] };

  const withCluster = (detail) => ({ ...detail, bre: bre.clusterOf(detail.code) });

  function highlight(state) {
    const { kind, id } = parseSelection(state.selectie);
    municipalities.highlight(kind === "sv" ? shown.members : [], kind === "gm" ? id : "");
  }

  async function showArrangement(state, id, point, { fit, focus, isLatest }) {
    const row = shown.rows.find((r) => String(r.id) === id) ?? null;
    shown.members = row?.gemeenten ?? [];
    highlight(state);
    const canGoBack = Boolean(point);
    panel.arrangement({
      row: row ?? { id, naam: strings.loading },
      detail: null,
      canGoBack,
      focus,
    });
    const feature = await api.arrangement(id, state.filters).catch(() => null);
    if (!isLatest()) return;
    const detail = feature?.properties ?? null;
    if (detail) shown.members = detail.ledenOpPeildatum.map((m) => m.code);
    footprint.show(feature?.geometry ? feature : null);
    highlight(state);
    panel.arrangement({ row, detail, canGoBack, focus: false });
    if (fit) deps.fitTo(footprint.bounds() ?? municipalities.boundsOf(shown.members));
  }

  async function showHere(state, point, { focus, isLatest }) {
    const municipality = municipalities.at(point.lon, point.lat);
    panel.loading(strings.here, focus);
    const data = await api.here(point.lon, point.lat, state.filters);
    if (!isLatest()) return;
    shown.rows = rowsOf(data, "samenwerkingsverbanden");
    panel.here({ ...point, municipality, rows: shown.rows, group: state.groep, focus });
    deps.announce(`${strings.here}: ${shown.rows.length}`);
    if (!municipality) return;
    const detail = await api.municipality(municipality.code, state.filters);
    if (isLatest()) panel.fillMunicipality(withCluster(detail));
  }

  async function showMunicipality(state, code, { fit, focus, isLatest }) {
    panel.loading(strings.municipality, focus);
    const detail = await api.municipality(code, state.filters);
    if (!isLatest()) return;
    shown.rows = detail.samenwerkingsverbanden;
    panel.municipality({ detail: withCluster(detail), group: state.groep, focus });
    if (fit?.municipality) deps.fitTo(municipalities.boundsOf([code]));
  }

  async function refresh(state, { focus = true } = {}) {
    const isLatest = latest.begin();
    const { kind, id } = parseSelection(state.selectie);
    const point = parsePoint(state.punt);
    const options = { fit: shown.fit, focus, isLatest };
    shown.fit = null;
    if (point) marker.show(point.lat, point.lon);
    else marker.hide();
    if (kind !== "sv") {
      footprint.clear();
      shown.members = [];
    }
    highlight(state);
    try {
      if (kind === "sv") await showArrangement(state, id, point, options);
      else if (point) await showHere(state, point, options);
      else if (kind === "gm") await showMunicipality(state, id, options);
      else panel.close();
    } catch {
      if (isLatest())
        panel.error(kind === "sv" ? strings.arrangement : strings.here, strings.loadError);
    }
  }

  /** A selection made by the user: zoom to it once it has loaded. */
  function select(patch, fit) {
    shown.fit = fit;
    store.update(patch);
  }
  const selectMunicipality = (code) =>
    select({ selectie: `gm:${code}`, punt: "" }, { municipality: code });
  const selectArrangement = (id, patch = { punt: "" }) =>
    select({ selectie: `sv:${id}`, ...patch }, { arrangement: true });

  /** "What is here?" at a point of the map (rounded to about a metre). */
  function ask(lon, lat) {
    const punt = formatPoint(lon, lat);
    const point = parsePoint(punt);
    const municipality = municipalities.at(point.lon, point.lat);
    store.update({ punt, selectie: municipality ? `gm:${municipality.code}` : "" });
  }

  panel.handle({
    onClose: () => store.update({ selectie: "", punt: "" }),
    onSelectArrangement: (id) => selectArrangement(id, {}),
    onSelectMunicipality: selectMunicipality,
    onGroup: (groep) => store.update({ groep }),
    onBack() {
      const point = parsePoint(store.get().punt);
      const here = point ? municipalities.at(point.lon, point.lat) : null;
      store.update({ selectie: here ? `gm:${here.code}` : "" });
    },
  });

  store.subscribe((state, changed) => {
    if (changed.has("filters")) {
      if (state.selectie || state.punt) refresh(state, { focus: false });
    } else if (anyChanged(changed, "selectie", "punt", "groep")) refresh(state);
  });

  return {
    ask,
    selectMunicipality,
    selectArrangement,
    /** Show the selection of the permalink (after the layers have loaded). */
    async start(state) {
      if (!state.selectie && !state.punt) return;
      shown.fit = initialFit(state);
      await refresh(state, { focus: false });
    },
  };
}
