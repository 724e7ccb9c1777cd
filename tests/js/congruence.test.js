// The data module of the congruence page: API addresses, fits per municipality, the legend as
// data and the keyboard moves of the heatmap.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  FIT_COLOURS,
  fitsByMunicipality,
  gridMove,
  legendSections,
  mapUrls,
} from "../../static/atlas/congruence/data.js";

const strings = {
  fits: { doorsnijdend: "doorsnijdend", binnen: "binnen", samenvallend: "samenvallend" },
  borders: { gedeeld: "gedeeld", alleenA: "alleen A", alleenB: "alleen B" },
  notCompared: "niet vergeleken",
  regionsOfA: "Regio's van A",
  borderTitle: "Grenzen",
};

const comparison = {
  regios: [
    { regio: "vr-west", klasse: "doorsnijdend" },
    { regio: "vr-oost", klasse: "binnen" },
  ],
  gemeenten: [
    { code: "GM7000", regioA: "vr-west", regioANaam: "VR-West", regioBNaam: "GGD-West" },
    { code: "GM7020", regioA: "vr-oost", regioANaam: "VR-Oost", regioBNaam: "GGD-Oost" },
  ],
};

test("the map's addresses carry the pair and the peildatum", () => {
  const urls = mapUrls({
    api: "/api/v1/",
    a: "veiligheidsregios",
    b: "bre:standaard",
    peildatum: "2026-06-01",
  });
  assert.equal(
    urls.comparison,
    "/api/v1/congruentie?a=veiligheidsregios&b=bre%3Astandaard&peildatum=2026-06-01",
  );
  assert.equal(
    urls.borders,
    "/api/v1/congruentie/grenzen?a=veiligheidsregios&b=bre%3Astandaard&peildatum=2026-06-01&formaat=geojson",
  );
  assert.equal(
    urls.municipalities,
    "/api/v1/gemeenten?peildatum=2026-06-01&paginaGrootte=500&formaat=geojson",
  );
});

test("a municipality takes the fit of its region of A", () => {
  const fits = fitsByMunicipality(comparison);
  assert.deepEqual(fits.get("GM7000"), {
    fit: "doorsnijdend",
    regionA: "VR-West",
    regionB: "GGD-West",
  });
  assert.equal(fits.get("GM7020").fit, "binnen");
  assert.equal(fits.has("GM9999"), false);
  assert.ok(FIT_COLOURS[fits.get("GM7000").fit]);
});

test("the legend shows only the classes on the map", () => {
  const fits = fitsByMunicipality(comparison);
  const [regions, borders] = legendSections(fits, ["alleenB", "gedeeld"], strings);
  assert.deepEqual(
    regions.items.map((i) => i.key),
    ["doorsnijdend", "binnen"],
  );
  assert.deepEqual(
    borders.items.map((i) => [i.kind, i.label]),
    [
      ["line", "gedeeld"],
      ["line", "alleen B"],
    ],
  );
  const [withOthers] = legendSections(fits, [], strings, true);
  assert.equal(withOthers.items.at(-1).label, "niet vergeleken");
});

test("arrow keys, Home and End move through the heatmap and stop at its edges", () => {
  assert.deepEqual(gridMove("ArrowRight", [0, 0], 3, 3), [0, 1]);
  assert.deepEqual(gridMove("ArrowDown", [2, 1], 3, 3), [2, 1]);
  assert.deepEqual(gridMove("ArrowLeft", [1, 0], 3, 3), [1, 0]);
  assert.deepEqual(gridMove("ArrowUp", [1, 2], 3, 3), [0, 2]);
  assert.deepEqual(gridMove("End", [1, 0], 3, 4), [1, 3]);
  assert.deepEqual(gridMove("Home", [1, 3], 3, 4), [1, 0]);
  assert.equal(gridMove("Enter", [0, 0], 3, 3), null);
});
