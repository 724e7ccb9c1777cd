// Rendering module (DOM): the filter form and the layer controls. Reads the forms into filter
// and layer values and writes a state back into them; no Leaflet.
import { h } from "./dom.js";

const LISTS = ["thema", "rechtsvormFamilie", "rechtsvorm", "soort"];
const NO_DIVISION = "__geen__";

/** The date slider: positions 0..n-1 are 1 January of ``years``, position n is today. */
export function dateScale(years, today, todayLabel) {
  return {
    dayOf: (position) => (position >= years.length ? "" : `${years[position]}-01-01`),
    positionOf(day) {
      const index = day ? years.indexOf(Number(day.slice(0, 4))) : -1;
      return index === -1 ? years.length : index;
    },
    label: (position) =>
      position >= years.length ? `${todayLabel} (${today})` : `1-1-${years[position]}`,
  };
}

export function createFilterForm(form, layerForm, { config, strings }) {
  const handlers = { onChange() {}, onLayers() {} };
  const scale = dateScale(config.years, config.today, strings.today);
  const slider = form.querySelector("#peildatum");
  const output = form.querySelector("#peildatum-waarde");
  const threshold = layerForm.querySelector("#drempel");
  const thresholdOutput = layerForm.querySelector("#drempel-waarde");

  function showDate() {
    output.textContent = scale.label(Number(slider.value));
    slider.setAttribute("aria-valuetext", output.textContent);
  }

  function read() {
    const data = new FormData(form);
    const division = data.get("indeling") || "";
    return {
      land: data.get("land") === "be" ? "be" : "",
      ...Object.fromEntries(LISTS.map((key) => [key, data.getAll(key)])),
      verplicht: data.get("verplicht") || "",
      indeling: division === NO_DIVISION ? "" : division,
      zonderIndeling: division === NO_DIVISION ? "true" : "",
      provincie: data.get("provincie") || "",
      peildatum: scale.dayOf(Number(slider.value)),
      zoek: (data.get("zoek") || "").trim(),
    };
  }

  function write(filters) {
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      if (LISTS.includes(input.name)) input.checked = filters[input.name].includes(input.value);
    }
    for (const input of form.querySelectorAll("input[name=verplicht]")) {
      input.checked = input.value === filters.verplicht;
    }
    form.elements.indeling.value =
      filters.zonderIndeling === "true" ? NO_DIVISION : filters.indeling;
    form.elements.provincie.value = filters.provincie;
    if (form.elements.land) form.elements.land.value = filters.land || "nl";
    form.elements.zoek.value = filters.zoek;
    slider.value = String(scale.positionOf(filters.peildatum));
    showDate();
    updateCounters();
  }

  function updateCounters() {
    for (const details of form.querySelectorAll("details[data-counter]")) {
      const n = details.querySelectorAll("input:checked").length;
      const badge = details.querySelector(".counter");
      if (badge) badge.textContent = n ? `(${n})` : "";
    }
  }

  form.addEventListener("change", (event) => {
    if (event.target.name === "zoek") return; // applied by the search box
    handlers.onChange(read());
  });
  slider.addEventListener("input", showDate);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    handlers.onChange(read());
  });
  form.addEventListener("reset", () => {
    window.setTimeout(() => handlers.onChange(read()), 0);
  });

  // --- layers -----------------------------------------------------------------------
  function readLayers() {
    const data = new FormData(layerForm);
    return {
      lagen: data.getAll("laag"),
      stijl: data.get("stijl") || "familie",
      modus: data.get("modus") || "grenzen",
      drempel: Number(threshold.value),
      run: data.get("run") || "",
      telling: data.get("telling") ? "alles" : "samenwerking",
    };
  }
  function writeLayers(state) {
    for (const input of layerForm.querySelectorAll("input[name=laag]")) {
      input.checked = state.lagen.includes(input.value);
    }
    layerForm.elements.stijl.value = state.stijl;
    layerForm.elements.modus.value = state.modus;
    threshold.value = String(state.drempel);
    thresholdOutput.textContent = String(state.drempel);
    layerForm.elements.run.value = state.run;
    layerForm.elements.telling.checked = state.telling === "alles";
  }
  layerForm.addEventListener("change", () => handlers.onLayers(readLayers()));
  layerForm.addEventListener("submit", (event) => {
    event.preventDefault();
    handlers.onLayers(readLayers());
  });
  threshold.addEventListener("input", () => {
    thresholdOutput.textContent = threshold.value;
  });

  return {
    /** handlers: onChange(filters), onLayers({lagen, stijl, drempel, run, telling}). */
    handle(next) {
      Object.assign(handlers, next);
    },
    write,
    writeLayers,
    /** The BRE runs on offer ([{value, label}]); without any the layer is disabled with
     *  ``note`` as the reason. */
    setRuns(runs, selected, note) {
      const select = layerForm.elements.run;
      layerForm.querySelector("#laag-bre").disabled = !runs.length;
      layerForm.querySelector("#bre-note").textContent = note;
      layerForm.querySelector("[data-runs]").hidden = !runs.length;
      select.replaceChildren(...runs.map((r) => h("option", { value: r.value }, r.label)));
      select.value = selected || (runs[0]?.value ?? "");
      layerForm.querySelector("[data-runs-note]").textContent = note;
    },
  };
}
