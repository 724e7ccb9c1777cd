// Data module: BRE analyses (bestuurlijke regionale ecosystemen) as the API describes them
// (/api/v1/bre-analyses; atlas_api/views/bre.py). A run has `id`, `status` (wachtrij, bezig,
// klaar, mislukt, geannuleerd), `standaard`, `klaarOp`, `aantalClusters`; a cluster feature has
// `nummer`, `label`, `stabiliteitGemiddeld`, ...; a municipality row has `code`, `cluster`,
// `clusterLabel`, `stabiliteit`. No DOM, no Leaflet.

/** The status of a run whose clusters can be read. */
export const FINISHED = "klaar";
/** Below this mean stability a cluster's outline is dashed. */
export const UNSTABLE_BELOW = 0.7;

/** The runs that have clusters to show (a queued, running, failed or cancelled run has none). */
export function finishedRuns(runs) {
  return runs.filter((run) => run.status === FINISHED);
}

/** The run shown when the permalink names none: the default run, else the newest. */
export function defaultRun(runs) {
  return runs.find((run) => run.standaard) ?? runs[0] ?? null;
}

/** The id (as text) of the run to show: the permalink's, else the default one. */
export function chosenRunId(runs, wanted) {
  if (wanted) return wanted;
  const run = defaultRun(runs);
  return run ? String(run.id) : "";
}

/** The choice of a run in the layer form: "Berekening 7 (2025-01-31, 12 clusters) ★". */
export function runChoice(run, strings) {
  const day = String(run.klaarOp ?? "").slice(0, 10);
  const clusters = run.aantalClusters
    ? `, ${run.aantalClusters} ${strings.clusters.toLowerCase()}`
    : "";
  const about = day ? ` (${day}${clusters})` : "";
  return {
    value: String(run.id),
    label: `${strings.run} ${run.id}${about}${run.standaard ? " ★" : ""}`,
  };
}

/** The mean stability of a cluster (0..1), or null when the run has not measured it. */
export function clusterStability(properties) {
  const value = properties.stabiliteitGemiddeld;
  return typeof value === "number" ? value : null;
}

export function isUnstable(properties) {
  const stability = clusterStability(properties);
  return stability !== null && stability < UNSTABLE_BELOW;
}

/** The tooltip of a cluster: "West · Stabiliteit: 0.95". */
export function clusterTitle(properties, strings) {
  const stability = clusterStability(properties);
  const measured = stability === null ? "" : ` · ${strings.stability}: ${stability.toFixed(2)}`;
  return `${properties.label}${measured}`;
}

/** The line about a municipality's cluster in its panel: "Cluster West · Stabiliteit 0,9". */
export function municipalityCluster(row, strings, language) {
  const stability = row.stabiliteit.toLocaleString(language, { maximumFractionDigits: 2 });
  return `${strings.cluster} ${row.clusterLabel} · ${strings.stability} ${stability}`;
}
