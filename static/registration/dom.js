// Small DOM helpers shared by the registration modules (no globals).

/** Say something to screen reader users through a polite live region. */
export function announce(text) {
  let region = document.getElementById("registration-announcer");
  if (!region) {
    region = document.createElement("p");
    region.id = "registration-announcer";
    region.className = "visually-hidden";
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
  }
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Fill in %(name)s placeholders of a translated string. */
export function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

/** After a failed submit, move focus to the conflict notice or the error summary. */
export function focusFirstProblem() {
  const target = document.getElementById("conflict") || document.getElementById("error-summary");
  if (target) target.focus();
}

export function debounce(fn, wait) {
  let timer;
  return (...args) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), wait);
  };
}
