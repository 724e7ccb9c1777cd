// Rendering module (DOM): the filter form and the layer controls. Reads the form into filter
// values and writes a state back into it; no Leaflet.
const LISTS = ["thema", "rechtsvormFamilie", "rechtsvorm"];

export function createFilterForm(form, layerForm, { config, strings, handlers }) {
  const years = config.years;
  const slider = form.querySelector("#peildatum");
  const output = form.querySelector("#peildatum-waarde");

  const dayOfPosition = (position) => (position >= years.length ? "" : `${years[position]}-01-01`);
  const positionOfDay = (day) => {
    if (!day) return years.length;
    const index = years.indexOf(Number(day.slice(0, 4)));
    return index === -1 ? years.length : index;
  };
  const label = (position) => (position >= years.length ? `${strings.today} (${config.today})` : `1-1-${years[position]}`);

  function read() {
    const data = new FormData(form);
    const filters = {};
    for (const key of LISTS) filters[key] = data.getAll(key);
    filters.verplicht = data.get("verplicht") || "";
    const division = data.get("indeling") || "";
    filters.indeling = division === "__geen__" ? "" : division;
    filters.zonderIndeling = division === "__geen__" ? "true" : "";
    filters.provincie = data.get("provincie") || "";
    filters.peildatum = dayOfPosition(Number(slider.value));
    filters.zoek = (data.get("zoek") || "").trim();
    return filters;
  }

  function write(filters) {
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      if (LISTS.includes(input.name)) input.checked = (filters[input.name] || []).includes(input.value);
    }
    for (const input of form.querySelectorAll("input[name=verplicht]")) input.checked = input.value === (filters.verplicht || "");
    form.elements.indeling.value = filters.zonderIndeling === "true" ? "__geen__" : filters.indeling || "";
    form.elements.provincie.value = filters.provincie || "";
    form.elements.zoek.value = filters.zoek || "";
    slider.value = String(positionOfDay(filters.peildatum));
    output.textContent = label(Number(slider.value));
    slider.setAttribute("aria-valuetext", output.textContent);
    updateCounters(filters);
  }

  function updateCounters(filters) {
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
  slider.addEventListener("input", () => {
    output.textContent = label(Number(slider.value));
    slider.setAttribute("aria-valuetext", output.textContent);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); handlers.onChange(read()); });
  form.addEventListener("reset", () => { window.setTimeout(() => handlers.onChange(read()), 0); });

  // --- layers -----------------------------------------------------------------------
  const threshold = layerForm.querySelector("#drempel");
  const thresholdOutput = layerForm.querySelector("#drempel-waarde");
  function readLayers() {
    const data = new FormData(layerForm);
    return {
      lagen: data.getAll("laag"),
      stijl: data.get("stijl") || "familie",
      drempel: Number(threshold.value),
      run: data.get("run") || "",
    };
  }
  function writeLayers(state) {
    for (const input of layerForm.querySelectorAll("input[name=laag]")) input.checked = state.lagen.includes(input.value);
    layerForm.elements.stijl.value = state.stijl;
    threshold.value = String(state.drempel);
    thresholdOutput.textContent = String(state.drempel);
    if (layerForm.elements.run) layerForm.elements.run.value = state.run;
  }
  layerForm.addEventListener("change", () => handlers.onLayers(readLayers()));
  layerForm.addEventListener("submit", (event) => { event.preventDefault(); handlers.onLayers(readLayers()); });
  threshold.addEventListener("input", () => { thresholdOutput.textContent = threshold.value; });

  return {
    read,
    write,
    writeLayers,
    setRuns(runs, selected, note) {
      const select = layerForm.elements.run;
      const wrapper = layerForm.querySelector("[data-runs]");
      if (!select || !wrapper) return;
      wrapper.hidden = !runs.length;
      select.innerHTML = runs.map((r) => `<option value="${r.value}">${r.label}</option>`).join("");
      select.value = selected || (runs[0]?.value ?? "");
      const hint = layerForm.querySelector("[data-runs-note]");
      if (hint) hint.textContent = note || "";
    },
  };
}
