// Data module (no DOM): the "Insluiten" snippet, an <iframe> of the embed route with the
// current permalink state (the map only: the table view is left out).
import { serializeState } from "./permalink.js";

/** Escape a value for a double-quoted HTML attribute. */
const attribute = (value) =>
  String(value)
    .replaceAll("&", "&amp;")
    .replaceAll('"', "&quot;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");

/** The address of the embed route (``path``, e.g. "/insluiten") at ``origin`` with ``state``. */
export function embedUrl(state, { origin, path }) {
  const params = new URLSearchParams(serializeState(state));
  params.delete("weergave");
  const query = params.toString();
  return origin + path + (query ? `?${query}` : "");
}

/** The HTML snippet that embeds the map of ``state`` in another site. */
export function embedSnippet(
  state,
  { origin, path, title = "Regioatlas", width = 800, height = 600 },
) {
  const src = embedUrl(state, { origin, path });
  return (
    `<iframe src="${attribute(src)}" title="${attribute(title)}" ` +
    `width="${Number(width)}" height="${Number(height)}" style="border:0" loading="lazy" ` +
    `referrerpolicy="strict-origin-when-cross-origin"></iframe>`
  );
}
