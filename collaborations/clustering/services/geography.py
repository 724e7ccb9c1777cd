"""The geography of clusters: contiguity on the municipality adjacency (shared borders from
PostGIS, ``selectors.bre.municipality_adjacency``), the optional split into contiguous parts,
and each cluster's area as the coverage union of its members' boundaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import igraph
import numpy as np
import shapely
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon

from collaborations.clustering.services.algorithms import canonical

SRID = settings.REGIOATLAS_SRID


def adjacency_graph(municipality_ids: np.ndarray, pairs: Sequence[tuple[int, int]]) -> igraph.Graph:
    """The adjacency of the network's nodes (pairs of municipality ids sharing a border)."""
    index = {mid: i for i, mid in enumerate(municipality_ids.tolist())}
    edges = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    return igraph.Graph(n=len(index), edges=edges, directed=False)


@dataclass(frozen=True)
class Contiguity:
    """How a cluster lies on the map. ``parts``: connected components of the adjacency
    restricted to the cluster (an island is a part of its own); ``islands``: members without
    any land neighbour (Wadden islands); ``detached``: other members outside the largest part."""

    parts: int
    islands: tuple[int, ...]
    detached: tuple[int, ...]

    @property
    def contiguous(self) -> bool:
        return self.parts - len(self.islands) <= 1


def _components(adjacency: igraph.Graph, members: np.ndarray) -> list[np.ndarray]:
    """Connected components of ``members`` in the adjacency, largest first (ties: the one
    with the lowest node)."""
    if len(members) == 0:
        return []
    sub = adjacency.induced_subgraph(members.tolist())
    parts = [members[np.array(c, dtype=np.int64)] for c in sub.connected_components()]
    return sorted(parts, key=lambda p: (-len(p), int(p.min())))


def contiguity(adjacency: igraph.Graph, members: np.ndarray) -> Contiguity:
    # the members' degrees only: once per cluster, all 100,000 degrees cost 7.6 s in total
    # on the synthetic country
    degree = adjacency.degree(members.tolist())
    islands = tuple(int(i) for i, d in zip(members, degree, strict=True) if d == 0)
    isolated = set(islands)
    parts = _components(adjacency, members)
    mainland = [p for p in parts if not (len(p) == 1 and int(p[0]) in isolated)]
    detached = tuple(sorted(int(i) for p in mainland[1:] for i in p))
    return Contiguity(parts=len(parts), islands=islands, detached=detached)


def _strongest_neighbour(graph: igraph.Graph, node: int) -> int | None:
    """The node that shares the most weight with ``node`` (ties: the lowest index)."""
    edges = graph.incident(node)
    if not edges:
        return None
    weights = graph.es[edges]["weight"]
    others = [graph.es[e].source + graph.es[e].target - node for e in edges]
    best = min(range(len(edges)), key=lambda k: (-weights[k], others[k]))
    return others[best]


def split_contiguous(
    membership: np.ndarray, adjacency: igraph.Graph, graph: igraph.Graph
) -> np.ndarray:
    """Every cluster whose members (islands aside) fall apart on the map is split into its
    connected parts (the largest part keeps the cluster); then each island (no land
    neighbour) joins the cluster of the municipality it shares most weight with. Canonical
    labels."""
    labels = membership.copy()
    is_island = np.asarray(adjacency.degree(), dtype=np.int64) == 0
    next_label = int(labels.max(initial=-1)) + 1
    for cluster in np.unique(labels).tolist():
        members = np.flatnonzero((labels == cluster) & ~is_island)
        for part in _components(adjacency, members)[1:]:
            labels[part] = next_label
            next_label += 1
    for node in np.flatnonzero(is_island).tolist():
        neighbour = _strongest_neighbour(graph, node)
        if neighbour is not None:
            labels[node] = labels[neighbour]
    return canonical(labels)


def _to_shapely(wkb: dict[int, bytes], nodes: np.ndarray) -> np.ndarray:
    return shapely.from_wkb([wkb[int(i)] for i in nodes if int(i) in wkb])


def _union(parts: np.ndarray) -> shapely.Geometry:
    try:
        return shapely.coverage_union_all(parts)
    except shapely.errors.GEOSException:  # boundaries of different layers: not one coverage
        return shapely.union_all(parts)


def _multipolygon(geometry: shapely.Geometry) -> MultiPolygon | None:
    polygons = shapely.get_parts(geometry)
    polygons = polygons[shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON]
    if len(polygons) == 0:
        return None
    multi = shapely.multipolygons(polygons)
    return GEOSGeometry(memoryview(shapely.to_wkb(multi)), srid=SRID)


def cluster_unions(membership: np.ndarray, wkb: dict[int, bytes]) -> list[MultiPolygon | None]:
    """Per cluster label 0..k-1, the coverage union of its members' boundaries (``wkb`` maps
    node index to WKB; members without a boundary are left out)."""
    result: list[MultiPolygon | None] = []
    for cluster in range(int(membership.max(initial=-1)) + 1):
        parts = _to_shapely(wkb, np.flatnonzero(membership == cluster))
        result.append(_multipolygon(_union(parts)) if len(parts) else None)
    return result
