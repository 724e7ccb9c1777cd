// Entry module of the arrangement form: search-as-you-type for members and partners,
// adding and removing rows, the legal forms of the chosen family, and the live map preview.
// The form works without it; this only enhances. Configuration comes from json_script.
import { enhanceComboboxes } from "./combobox.js";
import { focusFirstProblem } from "./dom.js";
import { enhanceFormsets } from "./formset.js";
import { filterLegalForms } from "./legal_form.js";
import { startPreview } from "./preview_data.js";

const form = document.querySelector("[data-registration-form]");
const configElement = document.getElementById("registration-config");

if (form && configElement) {
  const config = JSON.parse(configElement.textContent);
  const preview = startPreview(form, config);
  enhanceComboboxes(form, config, { onChange: preview.refresh });
  enhanceFormsets(form, config, {
    onAdd: (row) => {
      enhanceComboboxes(row, config, { onChange: preview.refresh });
      preview.refresh();
    },
    onRemove: preview.refresh,
  });
  filterLegalForms(form);
  focusFirstProblem();
}
