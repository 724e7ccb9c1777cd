// Entry module of the side-by-side page (/vergelijken): both maps from the API, kept in step,
// and the table of differences wired to them (focus or choose a row: the municipality is
// outlined on both maps and announced). The page is complete without it (the table says the
// same). Configuration from json_script (#compare-config).
import { announce, format } from "../render/dom.js";
import { borderFeatures, highlights, legendItems, sideUrls } from "./data.js";
import { drawSide, renderLegend, syncMaps } from "./map.js";

const config = JSON.parse(document.getElementById("compare-config").textContent);
const byId = (id) => document.getElementById(id);
const strings = config.strings;

async function get(url, accept) {
  const response = await fetch(url, { headers: { Accept: accept } });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

function wireTable(left, right) {
  const table = document.querySelector("[data-table=verschillen]");
  if (!table) return;
  const choose = (row) => {
    for (const other of table.querySelectorAll("tr.is-selected")) {
      other.classList.remove("is-selected");
    }
    row.classList.add("is-selected");
    const bounds = right.select([row.dataset.code]);
    left.select(row.dataset.codesLinks.split(" ").filter(Boolean));
    if (bounds) right.map.fitBounds(bounds, { maxZoom: 10, animate: false });
    const name = row.querySelector("th").textContent.trim();
    announce(byId("kaart-status"), format(strings.selected, { name }));
  };
  for (const row of table.querySelectorAll("tbody tr")) {
    row.tabIndex = 0;
    row.addEventListener("focus", () => choose(row));
    row.addEventListener("click", () => choose(row));
    row.addEventListener("keydown", (event) => {
      const next = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling };
      if (next[event.key]) {
        event.preventDefault();
        next[event.key].focus();
      }
    });
  }
}

async function start() {
  const urls = sideUrls(config.api, config.query);
  try {
    const [differences, leftMunicipalities, leftRegions, rightMunicipalities, rightRegions] =
      await Promise.all([
        get(urls.differences, "application/json"),
        get(urls.left.municipalities, "application/geo+json"),
        get(urls.left.regions, "application/geo+json"),
        get(urls.right.municipalities, "application/geo+json"),
        get(urls.right.regions, "application/geo+json"),
      ]);
    const rows = highlights(differences);
    const borders = borderFeatures(differences);
    const left = drawSide(byId("kaart-links"), config, {
      municipalities: leftMunicipalities,
      regions: leftRegions,
      borders,
      rows: rows.left,
    });
    const right = drawSide(byId("kaart-rechts"), config, {
      municipalities: rightMunicipalities,
      regions: rightRegions,
      borders,
      rows: rows.right,
    });
    syncMaps(left.map, right.map);
    if (right.bounds.isValid()) right.map.fitBounds(right.bounds, { padding: [10, 10] });
    renderLegend(byId("kaart-legenda"), strings.legend, legendItems(differences, strings));
    wireTable(left, right);
    announce(byId("kaart-status"), strings.ready);
  } catch {
    byId("kaart-legenda").textContent = strings.loadError;
  }
  document.documentElement.dataset.compareReady = "true";
  // The ready signal bench/bench_map.py waits for, as on the map page and the embed.
  performance.mark("atlas-ready");
  document.documentElement.dataset.atlasReady = "true";
}
start();
