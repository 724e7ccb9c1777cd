// Data module: the map's first API requests for a state, asked as the controllers will ask
// them at their start (municipalities.js, provinces.js, bre.js, network.js), so that start.js
// can send them while Leaflet and the rest of the page still load; the api's cache then
// answers the controllers with the requests already in flight (issue 16). No DOM, no Leaflet.

const isOn = (state, key) => state.lagen.includes(key);

/** Send the first requests of ``state`` on ``api``; their answers are not used here. */
export function firstRequests(api, state) {
  const requests = [
    api.municipalities(state.filters, { telling: state.telling }),
    api.breRuns(),
    isOn(state, "provincies") ? api.provinces() : null,
    isOn(state, "netwerk") ? api.network(state.filters, state.drempel) : null,
  ].filter(Boolean);
  // a failure is the controller's to report, when it asks for the same answer
  for (const request of requests) request.catch(() => {});
  return requests;
}
