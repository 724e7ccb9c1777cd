// Data module: the kind of an arrangement (API field `soort`). A region of a division of the
// Rijk or of a statistical division is no cooperation: it is badged by its kind, not by the
// legal-form family it was recorded with. No DOM, no Leaflet.

/** A region of a division of the Rijk or of a statistical division. */
export const isOfficial = (row) => Boolean(row.soort) && row.soort !== "samenwerking";

/** The badge of an arrangement: its kind ("Indeling van het Rijk", "Statistische indeling")
 *  when it is no cooperation, else its legal-form family ("Wgr", "Netwerk"). */
export function badgeOf(row, config) {
  if (isOfficial(row)) return { css: row.soort, label: config.kinds?.[row.soort] || row.soort };
  const family = config.families[row.rechtsvormFamilie] || row.rechtsvormFamilie || "";
  return { css: row.rechtsvormFamilie, label: family.split(" (")[0] };
}
