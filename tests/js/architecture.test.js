// The rules of the front end that Biome does not check (biome.json checks the rest: file
// length, imports of Leaflet and the vendor libraries, the global L, HTML from strings).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const STATIC = join(ROOT, "static");

function* scripts(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* scripts(path);
    else if (entry.name.endsWith(".js")) yield path;
  }
}

const files = [...scripts(STATIC)].map((path) => ({
  name: relative(ROOT, path),
  text: readFileSync(path, "utf8"),
}));

test("no module keeps state in a top-level let or var (state lives in the store or a closure)", () => {
  const offenders = files.flatMap(({ name, text }) =>
    text
      .split("\n")
      .map((line, i) => [line, i + 1])
      .filter(([line]) => /^(let|var)\s/.test(line))
      .map(([, n]) => `${name}:${n}`),
  );
  assert.deepEqual(offenders, []);
});

test("main.js only wires: at most 100 lines, no function but start", () => {
  const main = files.find(({ name }) => name === join("static", "atlas", "main.js")).text;
  assert.ok(main.split("\n").length <= 101, "main.js is longer than 100 lines");
  assert.deepEqual(main.match(/^(async )?function \w+/gm), ["async function start"]);
});

test("every module is under 400 lines", () => {
  const long = files.filter(({ text }) => text.split("\n").length > 400).map(({ name }) => name);
  assert.deepEqual(long, []);
});

test("only static/atlas/leaflet.js loads the libraries from node_modules", () => {
  const loaders = files.filter(({ text }) =>
    /from\s+"[^"]*\/vendor\/|import\("[^"]*\/vendor\//.test(text),
  );
  assert.deepEqual(
    loaders.map(({ name }) => name),
    [join("static", "atlas", "leaflet.js")],
  );
});

test("the atlas templates load no classic Leaflet script (no global L)", () => {
  for (const template of ["map.html", "municipality.html", "arrangement.html", "congruence.html"]) {
    const text = readFileSync(join(ROOT, "templates", "atlas", template), "utf8");
    assert.doesNotMatch(text, /leaflet\/leaflet\.js|leaflet_js|leaflet_tags/, template);
    assert.doesNotMatch(
      text,
      /<script(?![^>]*type="module")[^>]*>/,
      `${template}: only module scripts`,
    );
  }
});
