// Data module: classes of the count choropleth by natural breaks (Fisher-Jenks): the grouping
// of the sorted values into k classes with the least sum of squared deviations from the class
// means, found exactly by dynamic programming over the distinct values (Fisher 1958; Jenks
// 1977). Each class must hold at least ``minShare`` of the values, so that no class is a
// handful of outliers: when k classes cannot, k - 1 are tried. No DOM, no Leaflet.

/** Distinct values (ascending) with their counts and prefix sums of count, sum and squares. */
function distinct(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const keys = [];
  const weights = [];
  for (const value of sorted) {
    if (keys.length && keys[keys.length - 1] === value) weights[weights.length - 1] += 1;
    else {
      keys.push(value);
      weights.push(1);
    }
  }
  const n = [0];
  const s = [0];
  const q = [0];
  keys.forEach((value, i) => {
    n.push(n[i] + weights[i]);
    s.push(s[i] + value * weights[i]);
    q.push(q[i] + value * value * weights[i]);
  });
  return { keys, n, s, q, total: sorted.length };
}

/** Sum of squared deviations of the distinct values i..j-1 (with their counts). */
function deviation({ n, s, q }, i, j) {
  const count = n[j] - n[i];
  const sum = s[j] - s[i];
  return q[j] - q[i] - (sum * sum) / count;
}

/** The cheapest way to end class ``c`` at distinct value ``j - 1``: [cost, where it starts]. */
function cheapest(data, cost, c, j, least) {
  let best = [Infinity, 0];
  for (let i = c - 1; i < j; i++) {
    if (cost[c - 1][i] === Infinity || data.n[j] - data.n[i] < least) continue;
    const total = cost[c - 1][i] + deviation(data, i, j);
    if (total < best[0]) best = [total, i];
  }
  return best;
}

/** The best split into ``k`` classes of at least ``least`` values each, as the index (into
 *  the distinct values) where each class ends, or null when there is none. */
function bestSplit(data, k, least) {
  const m = data.keys.length;
  const cost = Array.from({ length: k + 1 }, () => new Array(m + 1).fill(Infinity));
  const from = Array.from({ length: k + 1 }, () => new Array(m + 1).fill(0));
  cost[0][0] = 0;
  for (let c = 1; c <= k; c++) {
    for (let j = c; j <= m; j++) [cost[c][j], from[c][j]] = cheapest(data, cost, c, j, least);
  }
  if (cost[k][m] === Infinity) return null;
  const ends = [];
  for (let c = k, j = m; c > 0; c--) {
    ends.unshift(j - 1);
    j = from[c][j];
  }
  return ends;
}

/** Natural breaks of ``values``: the upper bound of each class, ascending (as ``breaks`` in
 *  colours.js). At most ``classes`` classes, each holding at least ``minShare`` of the values
 *  (fewer classes when the values do not allow as many). [0] for no values. */
export function naturalBreaks(values, { classes = 5, minShare = 0.1 } = {}) {
  const data = distinct(values);
  if (!data.keys.length) return [0];
  const least = Math.max(1, Math.ceil(minShare * data.total - 1e-9));
  for (let k = Math.min(classes, data.keys.length); k > 1; k--) {
    const ends = bestSplit(data, k, least);
    if (ends) return ends.map((index) => data.keys[index]);
  }
  return [data.keys[data.keys.length - 1]];
}

/** How many values fall in each class of ``upper`` (the class of v: the first bound >= v). */
export function classSizes(values, upper) {
  const sizes = upper.map(() => 0);
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const index = upper.findIndex((bound) => value <= bound);
    sizes[index === -1 ? upper.length - 1 : index] += 1;
  }
  return sizes;
}
