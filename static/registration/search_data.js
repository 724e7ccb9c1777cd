// Data module: the search endpoints of the form (JSON, same origin, with the session).

async function getJSON(url) {
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

export async function searchMembers(endpoint, text) {
  const data = await getJSON(`${endpoint}?q=${encodeURIComponent(text)}`);
  return data.resultaten.map((r) => ({ ...r, label: r.label }));
}

export async function searchOrganisations(endpoint, text) {
  const data = await getJSON(`${endpoint}?q=${encodeURIComponent(text)}`);
  return data.resultaten.map((r) => ({ ...r, label: `${r.naam} (${r.soort})` }));
}

export async function footprint(endpoint, codes) {
  return getJSON(`${endpoint}?gemeente=${encodeURIComponent(codes.join(","))}`);
}
