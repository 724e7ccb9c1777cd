// Rendering module (DOM, canvas): the map as a PNG, drawn from the map's own layers.

const zIndex = (element) => Number(getComputedStyle(element).zIndex || 0);

/** The panes with the atlas's layers, bottom first (not the base map's tiles: they come from
 *  another site and would make the canvas unreadable). */
function layerPanes(container) {
  const skipped = ["leaflet-tile-pane", "leaflet-map-pane"];
  return [...container.querySelectorAll(".leaflet-pane")]
    .filter((pane) => !skipped.some((name) => pane.classList.contains(name)))
    .sort((a, b) => zIndex(a) - zIndex(b));
}

/** A tiled layer keeps the tiles of earlier zoom levels in other containers: draw only the
 *  current level (the container with the highest z-index). */
function onCurrentLevel(element) {
  const level = element.closest(".leaflet-tile-container");
  if (!level) return true;
  const levels = [...level.parentElement.querySelectorAll(":scope > .leaflet-tile-container")];
  const top = Math.max(...levels.map((l) => Number(l.style.zIndex || 0)));
  return Number(level.style.zIndex || 0) === top;
}

/** An SVG layer as an image (its CSS transform is already in its bounding box). */
async function svgImage(svg) {
  const clone = svg.cloneNode(true);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.removeAttribute("style");
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  await image.decode();
  return image;
}

async function drawLayers(ctx, container, box, header) {
  for (const pane of layerPanes(container)) {
    for (const element of pane.querySelectorAll("svg, canvas")) {
      const rect = element.getBoundingClientRect();
      if (!onCurrentLevel(element) || !rect.width || !rect.height) continue;
      const image = element instanceof HTMLCanvasElement ? element : await svgImage(element);
      ctx.drawImage(
        image,
        rect.left - box.left,
        rect.top - box.top + header,
        rect.width,
        rect.height,
      );
    }
  }
}

const LINE = 16;

function drawTexts(ctx, box, header, { title, lines }) {
  ctx.fillStyle = "#154273";
  if (title) {
    ctx.fillRect(0, 0, box.width, header);
    ctx.fillStyle = "#ffffff";
    ctx.font = "bold 16px system-ui, sans-serif";
    ctx.fillText(title, 10, 22);
  }
  if (!lines.length) return;
  ctx.font = "12px system-ui, sans-serif";
  const width = Math.min(box.width, Math.max(...lines.map((l) => ctx.measureText(l).width)) + 12);
  const top = box.height + header - lines.length * LINE - 4;
  ctx.fillStyle = "rgba(255,255,255,.92)";
  ctx.fillRect(0, top, width, lines.length * LINE + 4);
  ctx.fillStyle = "#1a1a1a";
  for (const [i, line] of lines.entries()) {
    ctx.fillText(line, 6, top + (i + 1) * LINE - 2, width - 12);
  }
}

/** The map as a PNG (Blob): every SVG and canvas layer, in pane order, on a plain background,
 *  with a title and the lines that state its context (peildatum, layers, filters, sources). */
export async function mapAsPng(map, { title = "", lines = [] } = {}) {
  const container = map.getContainer();
  const box = container.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const header = title ? 34 : 0;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round((box.height + header) * scale);
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.fillStyle = getComputedStyle(container).backgroundColor || "#dfe7ef";
  ctx.fillRect(0, 0, box.width, box.height + header);
  await drawLayers(ctx, container, box, header);
  drawTexts(ctx, box, header, { title, lines });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"),
  );
}
