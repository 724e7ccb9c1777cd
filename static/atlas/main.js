// Entry module of the map page. It only wires: the data (api, the store and its permalink),
// the page's rendering (render/page.js) and the controllers, which subscribe to the store and
// own their data. Configuration comes from json_script (#atlas-config), read by start.js,
// which has already sent the first API requests on the same api.
import { createBre } from "./controllers/bre.js";
import { createCountry } from "./controllers/country.js";
import { createFootprints } from "./controllers/footprints.js";
import { createMunicipalities } from "./controllers/municipalities.js";
import { createNetwork } from "./controllers/network.js";
import { createProvinces } from "./controllers/provinces.js";
import { createSelection } from "./controllers/selection.js";
import { createSidebar } from "./controllers/sidebar.js";
import { createToolbarActions } from "./controllers/toolbar.js";
import { createView } from "./controllers/view.js";
import { followInUrl } from "./data/permalink.js";
import { createStore } from "./data/state.js";
import { announce } from "./render/dom.js";
import { fitCountry, fitTo, mapView, onWhatIsHere, setMapView } from "./render/map.js";
import { createPage } from "./render/page.js";
import { mapAsPng } from "./render/png.js";
import { api, arrangementIndex, config, initialState } from "./start.js";

const strings = { ...config.strings, families: config.families };
const page = createPage(config, strings, {
  onOutlineHover: (properties) => properties && say(properties.naam),
  onOutlineSelect: (id) => selection.selectArrangement(id),
  themeOf: arrangementIndex.themeOf,
});
const { byId, map, toolbar, layers } = page;
const say = (text) => announce(byId("atlas-status"), text);
const store = createStore(initialState);
followInUrl(store, window);

// The controllers, in the order in which they react to a change of the store.
const base = { ...page, store, api, strings, config, arrangementIndex };
const municipalities = createMunicipalities({
  ...base,
  layer: layers.gemeenten,
  notify: () => toolbar.notice(strings.loadError),
});
const provinces = createProvinces({ ...base, layer: layers.provincies });
const footprints = createFootprints({
  ...base,
  layer: layers.gebieden,
  outlines: layers.grenzen,
  announce: say,
  selectArrangement: (id) => selection.selectArrangement(id),
});
const network = createNetwork({ ...base, layer: layers.netwerk });
const language = document.documentElement.lang || "nl";
const bre = createBre({ ...base, layer: layers.bre, language });
const view = createView({ ...base, municipalities, network });
createCountry({ ...base, fitCountry });
const actions = createToolbarActions({
  ...base,
  location: window.location,
  announce: say,
  copy: (text) => navigator.clipboard.writeText(text),
  print: () => window.print(),
  title: () => document.title.split(" · ")[0],
  mapAsPng: (options) => mapAsPng(map, options),
});
const selection = createSelection({
  ...base,
  municipalities,
  bre,
  announce: say,
  fitTo: (bounds) => fitTo(map, bounds),
});
const sidebar = createSidebar({ ...base, selection, municipalities, announce: say });
page.tables.handle({
  onSelectMunicipality: selection.selectMunicipality,
  onSelectArrangement: (id) => selection.selectArrangement(id),
});
onWhatIsHere(map, selection.ask);

// Start: the permalink's state in the forms and the map, the layers, then its selection.
async function start() {
  const state = store.get();
  sidebar.start(state);
  setMapView(map, state.kaart);
  byId("atlas").classList.add("is-enhanced");
  // On a phone the filters fold away above the map.
  if (window.matchMedia("(max-width: 62rem)").matches) byId("sidebar-details").open = false;
  const loading = [footprints, actions, view, municipalities, bre, provinces, network];
  await Promise.all(loading.map((controller) => controller.start(state)));
  await footprints.ready();
  await selection.start(store.get());
  map.on("moveend", () => store.update({ kaart: mapView(map) }));
  performance.mark("atlas-ready");
  document.documentElement.dataset.atlasReady = "true";
  say(strings.mapReady);
  // the search box's and theme colours' index, off the critical path (data/arrangements.js)
  arrangementIndex.load().then(layers.gebieden.restyle, () => {});
}
start();
