// Data side of the live map preview: which municipalities are chosen (their CBS codes in the
// member inputs), fetching their union from the server, and the text equivalent of the map.
import { debounce, format } from "./dom.js";
import { footprint } from "./search_data.js";

const CODE = /\b(GM[0-9]{4})\b/i;

export function chosenCodes(form) {
  const codes = new Set();
  for (const input of form.querySelectorAll('[data-formset="leden"] input[name$="-member"]')) {
    if (input.closest("[data-row]")?.classList.contains("is-removed")) continue;
    const match = CODE.exec(input.value);
    if (match) codes.add(match[1].toUpperCase());
  }
  return [...codes].sort();
}

export function startPreview(form, config) {
  const container = document.getElementById("preview-map");
  const status = document.getElementById("preview-status");
  let last = null;
  const load = async () => {
    const codes = chosenCodes(form);
    const key = codes.join(",");
    if (key === last) return;
    last = key;
    if (!codes.length) {
      if (status) status.textContent = config.strings.previewEmpty;
      return;
    }
    try {
      const feature = await footprint(config.preview, codes);
      const found = feature.properties.gemeenten.length;
      let text = format(config.strings.previewArea, { n: found });
      if (feature.properties.ontbrekend.length) {
        text +=
          " " +
          format(config.strings.previewMissing, {
            codes: feature.properties.ontbrekend.join(", "),
          });
      }
      if (status) status.textContent = text;
      const { showFeature } = await import("./preview_map.js");
      showFeature(container, feature, config);
    } catch {
      last = null;
    }
  };
  const refresh = debounce(load, 300);
  load();
  return { refresh };
}
