import assert from "node:assert/strict";
import { test } from "node:test";
import { embedSnippet, embedUrl } from "../../static/atlas/data/embed.js";
import { parseState } from "../../static/atlas/data/permalink.js";
import { defaultState } from "../../static/atlas/data/state.js";

const SITE = { origin: "https://regioatlas.example", path: "/insluiten" };

test("the embed URL carries the permalink state, without the table view", () => {
  const query = "weergave=tabel&thema=jeugd&modus=overlap&kaart=9%2F52.1%2F5.1";
  const url = new URL(embedUrl(parseState(query), SITE));
  assert.equal(url.origin + url.pathname, "https://regioatlas.example/insluiten");
  assert.equal(url.searchParams.get("weergave"), null);
  const state = parseState(url.search);
  assert.deepEqual(state.filters.thema, ["jeugd"]);
  assert.equal(state.modus, "overlap");
  assert.equal(state.kaart, parseState(query).kaart);
  assert.equal(embedUrl(defaultState(), SITE), "https://regioatlas.example/insluiten");
});

test("the snippet is an iframe with a title and an escaped src", () => {
  const state = parseState("thema=jeugd%2Cafval&lagen=gemeenten%2Cgebieden");
  const snippet = embedSnippet(state, SITE);
  assert.match(snippet, /^<iframe src="[^"]+" title="Regioatlas" width="800" height="600" /);
  assert.match(snippet, /<\/iframe>$/);
  const src = snippet.match(/src="([^"]+)"/)[1];
  assert.ok(!src.includes("&") || src.includes("&amp;"), "ampersands are escaped");
  assert.equal(src.replaceAll("&amp;", "&"), embedUrl(state, SITE));
  const custom = embedSnippet(state, { ...SITE, title: 'Kaart "Jeugd"', width: 400 });
  assert.match(custom, /title="Kaart &quot;Jeugd&quot;" width="400"/);
});
