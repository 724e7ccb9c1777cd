// Rendering module (DOM): the toolbar above the map (map or table, downloads, share, print,
// PNG), the two views it switches between, and the notices over the map. No Leaflet.
import { h } from "./dom.js";

export function createToolbar(byId) {
  const buttons = {
    map: byId("weergave-kaart"),
    table: byId("weergave-tabel"),
    share: byId("deel-link"),
    print: byId("afdrukken"),
    png: byId("png"),
    embed: byId("insluiten"),
  };
  const dialog = {
    element: byId("insluiten-dialoog"),
    code: byId("insluiten-code"),
    copy: byId("insluiten-kopieer"),
    close: byId("insluiten-sluit"),
    status: byId("insluiten-status"),
  };
  // The dialog closes with its button or Escape (native); focus returns to "Insluiten".
  dialog.close?.addEventListener("click", () => dialog.element.close());
  dialog.element?.addEventListener("close", () => buttons.embed.focus());
  const exportLinks = [...document.querySelectorAll("[data-export]")];
  const notices = byId("map-notices");
  return {
    /** Any of: onView("kaart" | "tabel"), onShare(), onPrint(), onPng(), onEmbed(),
     *  onCopyEmbed(). */
    handle({ onView, ...clicks }) {
      if (onView) {
        buttons.map.addEventListener("click", () => onView("kaart"));
        buttons.table.addEventListener("click", () => onView("tabel"));
      }
      const targets = {
        onShare: buttons.share,
        onPrint: buttons.print,
        onPng: buttons.png,
        onEmbed: buttons.embed,
        onCopyEmbed: dialog.copy,
      };
      for (const [name, handler] of Object.entries(clicks)) {
        targets[name].addEventListener("click", handler);
      }
    },
    showView(table) {
      byId("map-view").hidden = table;
      byId("table-view").hidden = !table;
      buttons.map.setAttribute("aria-pressed", String(!table));
      buttons.table.setAttribute("aria-pressed", String(table));
    },
    /** The lines that state the map's context (peildatum, layers, filters, sources): shown
     *  only when printed. */
    setContext(lines) {
      byId("map-context").replaceChildren(...lines.map((line) => h("p", {}, line)));
    },
    /** Open the "Insluiten" dialog (modal) with ``snippet``; focus moves to the code. */
    openEmbed(snippet) {
      dialog.code.value = snippet;
      dialog.status.textContent = "";
      dialog.element.showModal();
      dialog.code.focus();
      dialog.code.select();
    },
    /** Say ``text`` in the dialog; ``select`` selects the code (to copy by hand). */
    embedStatus(text, { select = false } = {}) {
      dialog.status.textContent = text;
      if (select) {
        dialog.code.focus();
        dialog.code.select();
      }
    },
    setShareUrl(url) {
      byId("deel-url").value = url;
    },
    /** The "save this map" link (logged-in users only) carries the current state. */
    setSaveUrl(url) {
      const link = byId("kaart-opslaan");
      if (link) link.href = url;
    },
    /** Point every download link ("resource:format") at ``hrefOf(resource, format)``. */
    setExports(hrefOf) {
      for (const link of exportLinks) {
        const [resource, format] = link.dataset.export.split(":");
        link.href = hrefOf(resource, format);
      }
    },
    /** Save ``blob`` as a file called ``name``. */
    download(blob, name) {
      const link = h("a", { href: URL.createObjectURL(blob), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    },
    notice(text) {
      notices.append(h("p", { class: "notice" }, text));
    },
  };
}
