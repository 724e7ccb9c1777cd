// The data module of the side-by-side page (/vergelijken): API addresses of both sides, the
// municipalities to highlight on each map, the borders as features, the legend as data and
// the view one map takes from the other.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  borderFeatures,
  followView,
  highlights,
  legendItems,
  sideUrls,
} from "../../static/atlas/compare/data.js";

const differences = {
  aantallen: { verhuisd: 1, alleenInA: 0, alleenInB: 1 },
  gemeenten: [
    { code: "GM1696", soort: "verhuisd", codesOpPeildatumA: ["GM1696"] },
    { code: "GM1980", soort: "verhuisd", codesOpPeildatumA: ["GM0738", "GM0870"] },
    { code: "GM0001", soort: "alleenInB" },
  ],
  grenzen: [
    { klasse: "alleenA", naam: "A", geometrie: { type: "LineString", coordinates: [] } },
    { klasse: "alleenB", naam: "B", geometrie: null },
  ],
};
const strings = {
  kinds: { verhuisd: "verhuisd", alleenInA: "alleen links", alleenInB: "alleen rechts" },
  borders: { alleenA: "alleen links", alleenB: "alleen rechts" },
  regionBorders: "grens van een regio",
};

test("each side reads its own peildatum; the differences get both", () => {
  const urls = sideUrls("/api/v1/", {
    a: "jeugdregios",
    b: "jeugdregios",
    peildatumA: "2016-01-01",
    peildatumB: "2026-12-06",
  });
  assert.equal(
    urls.differences,
    "/api/v1/congruentie/verschillen?a=jeugdregios&b=jeugdregios&peildatumA=2016-01-01&peildatumB=2026-12-06",
  );
  assert.match(urls.left.municipalities, /peildatum=2016-01-01/);
  assert.match(urls.right.regions, /a=jeugdregios&b=jeugdregios&peildatum=2026-12-06/);
});

test("the left map highlights the municipalities of its own day", () => {
  const { left, right } = highlights(differences);
  assert.deepEqual([...left.keys()], ["GM1696", "GM0738", "GM0870", "GM0001"]);
  assert.deepEqual([...right.keys()], ["GM1696", "GM1980", "GM0001"]);
  assert.equal(left.get("GM0870").code, "GM1980");
});

test("borders without geometry are left out; the legend names what is shown", () => {
  assert.equal(borderFeatures(differences).features.length, 1);
  assert.deepEqual(
    legendItems(differences, strings).map((item) => `${item.kind}:${item.key}`),
    ["fill:verhuisd", "fill:alleenInB", "line:regio", "line:alleenA", "line:alleenB"],
  );
});

test("a map follows the other, and not its own echo", () => {
  const from = { lat: 52, lng: 5, zoom: 8 };
  assert.deepEqual(followView(from, { lat: 52.1, lng: 5, zoom: 7 }), from);
  assert.equal(followView(from, { ...from }), null);
});
