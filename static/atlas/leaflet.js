// The one module that loads Leaflet, for every page of the site (docs/adr/0004). Rendering
// modules import L from here; data modules and controllers never do.
//
// Both libraries come from node_modules, served by STATICFILES_DIRS under /static/vendor/:
// Leaflet 1.9 as its ES module build, and Leaflet.VectorGrid (protobuf vector tiles on a
// canvas). VectorGrid is a 2017 UMD plugin: it extends a variable `L` that it looks up in the
// global scope, when it loads and again while it draws. It therefore gets exactly this module's
// Leaflet as that `L`, set before it is imported; no other code reads the global.
import * as Leaflet from "../vendor/leaflet/leaflet-src.esm.js";

/** Leaflet's namespace, as a plain object the plugin may extend (a module namespace is frozen). */
const L = { ...Leaflet };
globalThis.L = L;
await import("../vendor/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js");

export default L;
export const hasVectorGrid = () => Boolean(L.vectorGrid?.protobuf);
