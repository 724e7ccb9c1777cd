// Entry module of the congruence page: the heatmap's keyboard use, then the map of shared and
// crossing borders from the API. The page is complete without it (the tables say the same).
// Configuration from json_script (#congruence-config).
import { announce } from "../render/dom.js";
import { fitsByMunicipality, legendSections, mapUrls } from "./data.js";
import { enhanceHeatmap } from "./heatmap.js";
import { drawCongruenceMap, renderLegend } from "./map.js";

const config = JSON.parse(document.getElementById("congruence-config").textContent);
const byId = (id) => document.getElementById(id);
enhanceHeatmap(document.querySelector("[data-table=heatmap]"));

async function start() {
  const urls = mapUrls(config);
  const get = async (url, accept) => {
    const response = await fetch(url, { headers: { Accept: accept } });
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return response.json();
  };
  try {
    const [municipalities, comparison, borders] = await Promise.all([
      get(urls.municipalities, "application/geo+json"),
      get(urls.comparison, "application/json"),
      get(urls.borders, "application/geo+json"),
    ]);
    const fits = fitsByMunicipality(comparison);
    const strings = config.strings;
    drawCongruenceMap(byId("congruentie-kaart"), config, {
      municipalities,
      borders,
      fits,
      strings,
    });
    const classes = borders.features.map((feature) => feature.properties.klasse);
    const uncompared = municipalities.features.some((f) => !fits.has(f.properties.code));
    renderLegend(byId("kaart-legenda"), legendSections(fits, classes, strings, uncompared));
    announce(byId("kaart-status"), strings.ready);
  } catch {
    byId("kaart-legenda").textContent = config.strings.loadError;
  }
  document.documentElement.dataset.congruenceReady = "true";
}
start();
