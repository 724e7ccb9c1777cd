// Offer only the legal forms of the chosen family (the select groups them per family).

export function filterLegalForms(form) {
  const select = form.querySelector('select[name="legal_form"]');
  const radios = [...form.querySelectorAll('input[name="legal_form_family"]')];
  if (!select || !radios.length) return;
  const labelOf = (radio) => radio.closest("label")?.textContent?.trim() || "";
  const update = () => {
    const chosen = radios.find((r) => r.checked);
    const label = chosen ? labelOf(chosen) : "";
    for (const group of select.querySelectorAll("optgroup")) {
      const show = !chosen || group.label === label;
      group.hidden = !show;
      group.disabled = !show;
    }
    const option = select.selectedOptions[0];
    if (option?.parentElement?.disabled) select.value = "";
  };
  for (const radio of radios) radio.addEventListener("change", update);
  update();
}
