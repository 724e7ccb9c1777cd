// Entry module of the map page that runs first (an async module script right after the
// configuration): it reads the permalink's state and sends the map's first API requests, so
// that they travel while Leaflet and the controllers load. main.js imports the same api and
// state from here; the api answers its controllers from the requests in flight (issue 16).
import { createApi } from "./data/api.js";
import { createArrangementIndex } from "./data/arrangements.js";
import { firstRequests } from "./data/first.js";
import { parseState } from "./data/permalink.js";

export const config = JSON.parse(document.getElementById("atlas-config").textContent);
export const api = createApi(config.api);
// loaded after the map is interactive (main.js) or on the first focus of the search box
export const arrangementIndex = createArrangementIndex(config.arrangementIndex);
export const initialState = parseState(window.location.search);
firstRequests(api, initialState);
