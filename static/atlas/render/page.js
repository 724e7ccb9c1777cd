// Rendering module: everything the map page draws, made from the page's elements: the map with
// its legend, marker and layers, the panel, the tables, the forms, the search box and the
// toolbar. main.js hands these to the controllers.

import { footprintColours } from "../data/legends.js";
import { LAYERS } from "../data/state.js";
import { createFilterForm } from "./filters.js";
import { breLayer } from "./layers/bre.js";
import { footprintLayer } from "./layers/footprints.js";
import { municipalityLayer } from "./layers/municipalities.js";
import { networkLayer } from "./layers/network.js";
import { outlineLayer } from "./layers/outlines.js";
import { provinceLayer } from "./layers/provinces.js";
import { selectionLayer } from "./layers/selection.js";
import { createLegend } from "./legend.js";
import { createMap, createPointMarker } from "./map.js";
import { createPanel } from "./panel.js";
import { createSearch } from "./search.js";
import { createTables } from "./tables.js";
import { createToolbar } from "./toolbar.js";

export function createPage(config, strings, { onOutlineHover, onOutlineSelect, themeOf } = {}) {
  const byId = (id) => document.getElementById(id);
  const toolbar = createToolbar(byId);
  const map = createMap(byId("map"), config, {
    onBaseMapFailed: () => toolbar.notice(strings.noBaseMap),
  });
  const footprint = selectionLayer();
  footprint.layer.addTo(map);
  return {
    byId,
    map,
    toolbar,
    footprint,
    legend: createLegend(map, strings.legend, LAYERS),
    marker: createPointMarker(map),
    tables: createTables(byId("table-view"), { config, strings }),
    panel: createPanel(byId("panel"), { config, strings }),
    filterForm: createFilterForm(byId("filters"), byId("layers"), { config, strings }),
    search: createSearch(byId("zoek"), byId("zoek-lijst"), byId("zoek-status"), { strings }),
    layers: {
      gemeenten: municipalityLayer({ strings }),
      provincies: provinceLayer(),
      gebieden: footprintLayer(footprintColours(config, themeOf)),
      grenzen: outlineLayer({ onHover: onOutlineHover, onSelect: onOutlineSelect }),
      netwerk: networkLayer(),
      bre: breLayer({ strings }),
    },
  };
}
