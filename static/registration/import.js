// Import pages: show the settings of a division import only when it is chosen, and follow
// the progress of a running job (polling its status; the page reloads when it is done).

const importForm = document.querySelector("[data-import-form]");
if (importForm) {
  const options = importForm.querySelector("[data-division-options]");
  const radios = [...importForm.querySelectorAll('input[name="kind"]')];
  const update = () => {
    const chosen = radios.find((r) => r.checked);
    if (options) options.hidden = chosen?.value !== "indeling";
  };
  for (const radio of radios) radio.addEventListener("change", update);
  update();
}

const progress = document.querySelector("[data-job-progress]");
if (progress) {
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-job-progress-text]");
  const url = progress.dataset.statusUrl;
  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const status = await response.json();
      if (bar) bar.value = status.procent;
      if (text) text.textContent = `${status.verwerkt} / ${status.totaal} (${status.procent}%)`;
      if (status.klaar || status.afgebroken) {
        window.location.reload();
        return;
      }
    } catch {
      // try again
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}
