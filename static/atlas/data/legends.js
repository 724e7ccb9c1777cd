// Data module: what each legend section says, as data ({title, columns, items: [{swatch,
// label}]}); render/legend.js draws it. A swatch is {fill: colour}, {line: colour, width} or
// {dashed: true}. No DOM, no Leaflet.
import { categorical, SEQUENTIAL } from "./colours.js";

const UNKNOWN = "#666666";

/** Colours of the themes: one categorical colour per theme, in the order of ``themeNames``. */
export function themePalette(themeNames) {
  const index = new Map(Object.keys(themeNames).map((slug, i) => [slug, i]));
  return (slug) => (slug ? categorical(index.get(slug) ?? 0) : UNKNOWN);
}

/** The colour of a footprint (vector tile properties `id`, `rechtsvormFamilie`, `soort`): a
 *  region of a division of the Rijk or of a statistical division has the colour of its kind,
 *  a cooperation that of its legal-form family. */
export function footprintColour(
  properties,
  mode,
  { familyColours, kindColours, themeOf, palette },
) {
  if (mode === "thema") return palette(themeOf.get(Number(properties.id)));
  const kind = kindColours?.[properties.soort];
  return kind || familyColours[properties.rechtsvormFamilie] || UNKNOWN;
}

/** Class breaks of the choropleth as ranges: "0–2", "3–5", "6"; with ``sizes`` (the number
 *  of municipalities per class) each says how many: "0–2 (12 gemeenten)". */
export function countLegend(upper, strings, { sizes, title } = {}) {
  const items = upper.map((value, i) => {
    const low = i === 0 ? 0 : upper[i - 1] + 1;
    const range = low >= value ? `${value}` : `${low}–${value}`;
    const size = sizes ? ` (${strings.classCount.replace("%(n)s", String(sizes[i]))})` : "";
    return {
      swatch: { fill: SEQUENTIAL[SEQUENTIAL.length - upper.length + i] },
      label: range + size,
    };
  });
  return { title: title ?? strings.count, items };
}

export function provinceLegend(strings) {
  return { items: [{ swatch: { line: "#1a1a1a", width: 2 }, label: strings.provinces }] };
}

export function footprintLegend(
  mode,
  themes,
  { familyColours, families, themeNames, kindColours = {}, kinds = {} },
  strings,
) {
  if (mode === "thema") {
    const palette = themePalette(themeNames);
    const items = themes.map((slug) => ({
      swatch: { fill: palette(slug) },
      label: themeNames[slug],
    }));
    return { title: strings.byTheme, columns: true, items };
  }
  const items = Object.entries(familyColours).map(([family, colour]) => ({
    swatch: { fill: colour },
    label: families[family] || family,
  }));
  for (const [kind, colour] of Object.entries(kindColours)) {
    items.push({ swatch: { fill: colour }, label: kinds[kind] || kind });
  }
  return { title: strings.byFamily, items };
}

/** The outlines of the display modes "grenzen" and "overlap": one item per arrangement (its
 *  colour and dash, its short name), each a target to highlight and select; a note when
 *  colours had to be used again (dashed). */
export function outlineLegend(rows, strings) {
  const items = rows.map((row) => ({
    swatch: { line: row.kleurcode, width: 3, dash: Boolean(row.streepjes) },
    label: row.korteNaam || row.naam,
    target: row.id,
  }));
  const reused = rows.some((row) => row.streepjes);
  return {
    title: strings.outlines,
    note: reused ? strings.coloursReused : "",
    columns: true,
    items,
  };
}

export function networkLegend([low, high], threshold, strings) {
  return {
    title: strings.shared,
    items: [
      { swatch: { line: "rgba(11,31,58,.25)", width: 1 }, label: String(Math.max(low, threshold)) },
      { swatch: { line: "rgba(11,31,58,.9)", width: 4 }, label: String(high) },
    ],
  };
}

export function breLegend(strings) {
  return {
    title: strings.bre,
    items: [
      { swatch: { fill: categorical(0) }, label: strings.cluster },
      { swatch: { dashed: true }, label: `${strings.stability} < 0,7` },
    ],
  };
}

/** What footprintColour needs: the family colours from the page's configuration and, per
 *  arrangement id, its first theme (``themeOf``: the arrangement index's Map, filled when the
 *  index comes; data/arrangements.js). */
export function footprintColours(config, themeOf = new Map()) {
  return {
    familyColours: config.familyColours,
    kindColours: config.kindColours,
    themeOf,
    palette: themePalette(config.themes),
  };
}
