// Fakes for the controllers' tests: a map, layers, tables, a legend and a panel that record
// what they are asked to do, and an API whose answers a test sets. No DOM, no Leaflet.

/** Records every call as [name, ...args] in ``calls``; methods return ``returns[name]``. */
export function recorder(names, returns = {}) {
  const calls = [];
  const fake = { calls };
  for (const name of names) {
    fake[name] = (...args) => {
      calls.push([name, ...args]);
      return typeof returns[name] === "function" ? returns[name](...args) : returns[name];
    };
  }
  fake.called = (name) => calls.filter(([n]) => n === name).map(([, ...args]) => args);
  return fake;
}

export function fakeMap() {
  const layers = new Set();
  const handlers = {};
  return {
    layers,
    hasLayer: (layer) => layers.has(layer),
    addLayer: (layer) => layers.add(layer),
    removeLayer: (layer) => layers.delete(layer),
    invalidateSize() {},
    getZoom: () => 7,
    on: (name, handler) => {
      handlers[name] = handler;
    },
    handlers,
  };
}

export function fakeLegend() {
  const sections = new Map();
  const handlers = new Map();
  return {
    sections,
    handlers,
    handle: (key, sectionHandlers) => handlers.set(key, sectionHandlers),
    set: (key, section) => sections.set(key, section),
    clear: (key) => sections.delete(key),
  };
}

export const fakeTables = () =>
  recorder(["municipalities", "network", "bre", "arrangements", "arrangementsLoading", "handle"]);

/** An API whose methods answer from ``answers`` (a value, a function of the arguments, or an
 *  Error to throw), recording every call. A pending answer can be made with ``deferred()``. */
export function fakeApi(answers) {
  const calls = [];
  const api = { calls };
  for (const [name, answer] of Object.entries(answers)) {
    api[name] = async (...args) => {
      calls.push([name, ...args]);
      const value = typeof answer === "function" ? answer(...args) : answer;
      if (value instanceof Error) throw value;
      return value;
    };
  }
  api.count = (name) => calls.filter(([n]) => n === name).length;
  return api;
}

export function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Let every pending promise callback run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A FeatureCollection of unit squares: [code, lon, lat, count] each. */
export function squares(rows) {
  return {
    type: "FeatureCollection",
    features: rows.map(([code, lon, lat, count]) => ({
      type: "Feature",
      id: code,
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [lon, lat],
            [lon + 1, lat],
            [lon + 1, lat + 1],
            [lon, lat + 1],
            [lon, lat],
          ],
        ],
      },
      properties: { code, naam: `Gemeente ${code}`, aantalSamenwerkingsverbanden: count },
    })),
  };
}
