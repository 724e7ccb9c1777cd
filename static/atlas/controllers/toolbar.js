// Controller of the toolbar's actions: the download links carry the filters (and the
// network's threshold), "copy link" copies the permalink, print, the map as a PNG, and
// "Insluiten": the <iframe> snippet of the embed route with the current state.
import { mapContext } from "../data/context.js";
import { embedSnippet } from "../data/embed.js";
import { countingParams } from "../data/filters.js";
import { permalink, serializeState } from "../data/permalink.js";

/** The date of today as yyyy-mm-dd, for file names. */
const today = () => new Date().toISOString().slice(0, 10);

/** What a download adds to the filters: the network's threshold, the choropleth's counting. */
function exportExtra(resource, state) {
  if (resource === "netwerk") return { minimaalGedeeld: state.drempel };
  if (resource === "gemeenten") return countingParams(state.filters, state.telling);
  return {};
}

export function createToolbarActions(deps) {
  const { store, api, toolbar, strings, config, location } = deps;

  function updateExports(state) {
    toolbar.setExports((resource, format) => {
      return api.exportUrl(resource, format, state.filters, exportExtra(resource, state));
    });
  }

  async function share() {
    const url = permalink(store.get(), location);
    toolbar.setShareUrl(url);
    try {
      await deps.copy(url);
      deps.announce(strings.copied);
    } catch {
      deps.announce(strings.copyFailed);
    }
  }

  async function png() {
    const url = permalink(store.get(), location);
    const lines = [...mapContext(store.get(), { strings, config }), url.slice(0, 160)];
    try {
      const blob = await deps.mapAsPng({ title: deps.title(), lines });
      toolbar.download(blob, `regioatlas-${today()}.png`);
    } catch {
      deps.announce(strings.pngFailed);
      toolbar.notice(strings.pngFailed);
    }
  }

  const snippet = () =>
    embedSnippet(store.get(), { origin: location.origin, path: config.embedUrl });

  async function copyEmbed() {
    try {
      await deps.copy(snippet());
      toolbar.embedStatus(strings.embedCopied);
    } catch {
      toolbar.embedStatus(strings.embedCopyFailed, { select: true });
    }
  }

  function updateSave(state) {
    toolbar.setSaveUrl(
      `${config.savedMapsUrl}?toestand=${encodeURIComponent(serializeState(state))}`,
    );
  }

  toolbar.handle({
    onShare: share,
    onPrint: deps.print,
    onPng: png,
    onEmbed: () => toolbar.openEmbed(snippet()),
    onCopyEmbed: copyEmbed,
  });
  store.subscribe((state, changed) => {
    if (changed.has("filters") || changed.has("drempel") || changed.has("telling")) {
      updateExports(state);
    }
    updateSave(state);
    toolbar.setContext(mapContext(state, { strings, config }));
  });

  return {
    start(state) {
      updateExports(state);
      updateSave(state);
      toolbar.setContext(mapContext(state, { strings, config }));
      return Promise.resolve();
    },
  };
}
