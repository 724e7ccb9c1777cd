// Rendering module: the one place that reaches Leaflet (loaded by django-leaflet's
// {% leaflet_js %}) and Leaflet.VectorGrid (served from node_modules). Other rendering modules
// import L from here; data modules never do.
const L = globalThis.L;
if (!L) throw new Error("Leaflet is not loaded");
export default L;
export const hasVectorGrid = () => Boolean(L.vectorGrid && L.vectorGrid.protobuf);
