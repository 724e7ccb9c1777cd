// The one module that loads Leaflet, for every page of the site (docs/adr/0004). Rendering
// modules import L from here; data modules and controllers never do.
//
// Both libraries come from node_modules, served by STATICFILES_DIRS under /static/vendor/:
// Leaflet 1.9 as its ES module build, and Leaflet.VectorGrid (protobuf vector tiles on a
// canvas). VectorGrid is a 2017 UMD plugin: it extends a variable `L` that it looks up in the
// global scope, when it loads and again while it draws. It therefore gets exactly this module's
// Leaflet as that `L`, set before it is imported; no other code reads the global.
import * as Leaflet from "../vendor/leaflet/leaflet-src.esm.js";

//
// VectorGrid is loaded only when a page first draws vector tiles (loadVectorGrid): the default
// map view does not, and its 48 KiB would otherwise wait in the page's critical path (issue 16).

/** Leaflet's namespace, as a plain object the plugin may extend (a module namespace is frozen). */
const L = { ...Leaflet };
globalThis.L = L;
const plugin = { loading: null };

export default L;
export const hasVectorGrid = () => Boolean(L.vectorGrid?.protobuf);

/** Resolves to true once Leaflet.VectorGrid has extended L (false when it failed to load). */
export function loadVectorGrid() {
  plugin.loading ??= import("../vendor/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js")
    .then(hasVectorGrid)
    .catch(() => false);
  return plugin.loading;
}
