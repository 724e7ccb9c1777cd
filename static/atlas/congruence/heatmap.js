// Rendering module of the congruence page: keyboard use of the heatmap table. One cell at a
// time is in the tab order (a roving tabindex); the arrow keys, Home and End move between the
// cells, Enter follows the cell's link (the pair it compares). No Leaflet.
import { gridMove } from "./data.js";

/** The focus target of a cell: its link, or the cell itself when it has none. */
const targetOf = (cell) => cell.querySelector("a") ?? cell;

export function enhanceHeatmap(table) {
  if (!table) return;
  const grid = [...table.tBodies[0].rows].map((row) =>
    [...row.cells].filter((cell) => cell.tagName === "TD"),
  );
  if (!grid.length || !grid[0].length) return;
  const position = new Map();
  grid.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      const target = targetOf(cell);
      target.tabIndex = -1;
      position.set(target, [r, c]);
    });
  });
  const current = table.querySelector("a[aria-current]") ?? targetOf(grid[0][0]);
  current.tabIndex = 0;

  table.addEventListener("keydown", (event) => {
    const from = position.get(event.target);
    if (!from) return;
    const to = gridMove(event.key, from, grid.length, grid[0].length);
    if (!to) return;
    event.preventDefault();
    const next = targetOf(grid[to[0]][to[1]]);
    event.target.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}
