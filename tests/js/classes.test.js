// Natural breaks (Fisher-Jenks) of the count choropleth, each class at least a share of the
// values: hand-computed cases, the optimum checked against simple-statistics' ckmeans (the
// same objective without the share rule), and the rule on the real data.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ckmeans } from "simple-statistics";
import { classSizes, naturalBreaks } from "../../static/atlas/data/classes.js";

/** Values from {value: count}. */
const expand = (counts) => Object.entries(counts).flatMap(([v, n]) => Array(n).fill(Number(v)));

/** Within-class sum of squared deviations of ``values`` split at ``upper``. */
function withinClass(values, upper) {
  const groups = upper.map(() => []);
  for (const v of values) groups[upper.findIndex((bound) => v <= bound)].push(v);
  return groups.reduce((total, group) => {
    const mean = group.reduce((a, b) => a + b, 0) / group.length;
    return total + group.reduce((a, v) => a + (v - mean) ** 2, 0);
  }, 0);
}

/** A fixed pseudo-random sequence (no Math.random in tests). */
function sequence(seed, length, spread) {
  const out = [];
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(Math.floor((x / 2147483648) ** 2 * spread));
  }
  return out;
}

// The counts of the 342 municipalities of 2026-12-06 on the real data (REGIOATLAS_DATA_DIR) in
// the default view: arrangements that are no region of an official division ...
const COOPERATIONS = {
  3: 5,
  4: 12,
  5: 13,
  6: 43,
  7: 62,
  8: 49,
  9: 41,
  10: 30,
  11: 35,
  12: 19,
  13: 13,
  14: 8,
  15: 6,
  16: 3,
  18: 1,
  19: 1,
  22: 1,
};
// ... and with the regions of the official divisions (the switch), which gave the quantile
// classes 0-39, 40, 41, 42-43, 44-83 of issue 13.
const EVERYTHING = {
  35: 5,
  36: 12,
  37: 12,
  38: 36,
  39: 55,
  40: 38,
  41: 50,
  42: 30,
  43: 39,
  44: 17,
  45: 17,
  46: 9,
  47: 7,
  48: 2,
  49: 1,
  50: 1,
  51: 1,
  52: 2,
  53: 1,
  54: 1,
  55: 1,
  62: 1,
  64: 1,
  66: 1,
  79: 1,
  83: 1,
};

test("two obvious groups split between them", () => {
  assert.deepEqual(naturalBreaks([1, 1, 2, 2, 9, 9, 10, 10], { classes: 2 }), [2, 10]);
  // three groups, the middle one apart from both
  assert.deepEqual(naturalBreaks([0, 1, 1, 5, 6, 6, 12, 13, 13], { classes: 3 }), [1, 6, 13]);
});

test("no more classes than distinct values; nothing is one class of 0", () => {
  assert.deepEqual(naturalBreaks([3, 4, 4, 3, 4, 4]), [3, 4]);
  assert.deepEqual(naturalBreaks([7, 7, 7]), [7]);
  assert.deepEqual(naturalBreaks([]), [0]);
  assert.deepEqual(naturalBreaks([Number.NaN, 2]), [2]);
});

test("without the share rule the split is optimal, as ckmeans finds it", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const values = sequence(seed, 120, 60);
    for (const k of [2, 3, 4, 5]) {
      const ours = naturalBreaks(values, { classes: k, minShare: 0 });
      const theirs = ckmeans(values, k).map((cluster) => cluster[cluster.length - 1]);
      assert.equal(ours.length, theirs.length, `seed ${seed}, k ${k}`);
      const a = withinClass(values, ours);
      const b = withinClass(values, theirs);
      assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, b), `seed ${seed}, k ${k}: ${a} vs ${b}`);
    }
  }
});

test("every class holds at least the minimum share; an outlier does not get a class", () => {
  const values = [...Array(50).fill(1), ...Array(45).fill(2), 40, 41, 42, 43, 44];
  assert.deepEqual(naturalBreaks(values, { classes: 3, minShare: 0 }), [1, 2, 44]);
  const upper = naturalBreaks(values, { classes: 3, minShare: 0.1 });
  assert.deepEqual(upper, [1, 44]); // five outliers (5%) cannot be a class of their own
  assert.deepEqual(classSizes(values, upper), [50, 50]);
});

test("the real data's default view: at least five classes, each at least 10% of the municipalities", () => {
  for (const counts of [COOPERATIONS, EVERYTHING]) {
    const values = expand(counts);
    assert.equal(values.length, 342);
    const upper = naturalBreaks(values);
    const sizes = classSizes(values, upper);
    assert.ok(upper.length >= 5, `${upper}`);
    for (const size of sizes) assert.ok(size >= 0.1 * values.length, `${upper}: ${sizes}`);
  }
  const values = expand(COOPERATIONS);
  assert.deepEqual(naturalBreaks(values), [6, 7, 9, 11, 22]);
  assert.deepEqual(classSizes(values, naturalBreaks(values)), [73, 62, 90, 65, 52]);
});

test("class sizes follow the upper bounds", () => {
  assert.deepEqual(classSizes([0, 1, 2, 3, 9], [1, 3, 9]), [2, 2, 1]);
  assert.deepEqual(classSizes([5, 12], [10]), [2]); // beyond the last bound: the last class
});
