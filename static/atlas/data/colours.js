// Data module: colour scales of the atlas (no DOM, no Leaflet).

// Sequential purple-blue, light to dark (ColorBrewer BuPu, 5 classes) for counts.
export const SEQUENTIAL = ["#edf8fb", "#b3cde3", "#8c96c6", "#8856a7", "#810f7c"];
// Categorical (ColorBrewer Dark2 + Set1 mix) for themes and clusters.
export const CATEGORICAL = [
  "#1b9e77",
  "#d95f02",
  "#7570b3",
  "#e7298a",
  "#66a61e",
  "#e6ab02",
  "#a6761d",
  "#666666",
  "#1f78b4",
  "#e31a1c",
  "#6a3d9a",
  "#b15928",
];

/** Class breaks (upper bounds) of ``values`` in ``n`` classes by quantiles, rounded and
 *  strictly increasing. */
export function breaks(values, n = SEQUENTIAL.length) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return [0];
  const result = [];
  for (let i = 1; i <= n; i++) {
    const value = sorted[Math.min(sorted.length - 1, Math.ceil((i / n) * sorted.length) - 1)];
    if (!result.length || value > result[result.length - 1]) result.push(value);
  }
  return result;
}

export function classOf(value, upper) {
  for (let i = 0; i < upper.length; i++) if (value <= upper[i]) return i;
  return upper.length - 1;
}

export function colourOf(value, upper) {
  const offset = SEQUENTIAL.length - upper.length;
  return SEQUENTIAL[Math.min(SEQUENTIAL.length - 1, offset + classOf(value, upper))];
}

export function categorical(index) {
  return CATEGORICAL[((index % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length];
}
