"""The measures of a clustering (definitions in docs/bre.md, section "Maten").

Everything is computed from arrays: the final cluster per node, the network's edges and
weights, and the (arrangement, node) pairs of the arrangements with at least two municipal
members. An arrangement *touches* a cluster when at least one of its municipal members is in
it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import igraph
import numpy as np

from collaborations.clustering.selectors.runs import BreMemberships, Labelling, Region, agreement


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(float(numerator) / float(denominator), 4) if denominator else None


def member_counts(membership: np.ndarray, memberships: BreMemberships) -> np.ndarray:
    """counts[a, c]: the number of municipal members of arrangement a in cluster c."""
    k = int(membership.max(initial=-1)) + 1
    a = len(memberships.arrangement_ids)
    keys = memberships.pair_arrangement * k + membership[memberships.pair_node]
    return np.bincount(keys, minlength=a * k).reshape(a, k)


def province_counts(memberships: BreMemberships, provinces: Sequence[str | None]) -> np.ndarray:
    """Per arrangement, the number of provinces its municipal members lie in."""
    codes = sorted({p for p in provinces if p})
    province = np.array([codes.index(p) if p else -1 for p in provinces], dtype=np.int64)
    pairs = np.column_stack([memberships.pair_arrangement, province[memberships.pair_node]])
    pairs = np.unique(pairs[pairs[:, 1] >= 0], axis=0)
    return np.bincount(pairs[:, 0], minlength=len(memberships.arrangement_ids))


def weight_congruence(
    membership: np.ndarray, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per cluster: (internal weight, weight of all edges with at least one end in it), each
    edge counted once."""
    k = int(membership.max(initial=-1)) + 1
    cs, ct = membership[sources], membership[targets]
    internal = np.bincount(cs[cs == ct], weights=weights[cs == ct], minlength=k)
    cut = cs != ct
    external = np.bincount(cs[cut], weights=weights[cut], minlength=k) + np.bincount(
        ct[cut], weights=weights[cut], minlength=k
    )
    return internal, internal + external


def _arrangement_measures(
    counts: np.ndarray, sizes: np.ndarray, themes: np.ndarray, provinces: np.ndarray
) -> dict[str, np.ndarray]:
    touching = counts > 0
    return {
        "touching": touching.sum(axis=0),
        "inside": (touching & (counts == sizes[:, None])).sum(axis=0),
        "themes": (touching * themes[:, None]).sum(axis=0),
        "multi_theme": (touching & (themes[:, None] >= 2)).sum(axis=0),
        "members": (touching * sizes[:, None]).sum(axis=0),
        "cross_province": (touching & (provinces[:, None] >= 2)).sum(axis=0),
    }


def cluster_measures(
    *,
    membership: np.ndarray,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    memberships: BreMemberships,
    provinces: Sequence[str | None],
) -> list[dict[str, Any]]:
    """The measures of every cluster 0..k-1 (see docs/bre.md)."""
    k = int(membership.max(initial=-1)) + 1
    n_c = np.bincount(membership, minlength=k)
    counts = member_counts(membership, memberships)
    sizes = memberships.sizes
    m = _arrangement_measures(
        counts, sizes, memberships.theme_counts, province_counts(memberships, provinces)
    )
    everyone = ((counts == n_c[None, :]) & (counts > 0)).sum(axis=0)
    internal, incident = weight_congruence(membership, sources, targets, weights)
    result = []
    for c in range(k):
        touching = int(m["touching"][c])
        result.append(
            {
                "aantalGemeenten": int(n_c[c]),
                "aantalSamenwerkingsverbanden": touching,
                "gewichtIntern": round(float(internal[c]), 4),
                "gewichtTotaal": round(float(incident[c]), 4),
                "territorialeCongruentieGewicht": _ratio(internal[c], incident[c]),
                "territorialeCongruentieVerbanden": _ratio(m["inside"][c], touching),
                "lidmaatschapsCongruentie": _ratio(everyone[c], touching),
                "gemiddeldAantalThemas": _ratio(m["themes"][c], touching),
                "aandeelMeerdereThemas": _ratio(m["multi_theme"][c], touching),
                "gemiddeldAantalGemeentelijkeLeden": _ratio(m["members"][c], touching),
                "provinciegrensoverschrijdend": int(m["cross_province"][c]),
                "aandeelProvinciegrensoverschrijdend": _ratio(m["cross_province"][c], touching),
            }
        )
    return result


def modularity(graph: igraph.Graph, membership: np.ndarray) -> float:
    """Newman's modularity (resolution 1) of the partition on the weighted graph."""
    if graph.ecount() == 0:
        return 0.0
    return round(float(graph.modularity(membership.tolist(), weights="weight", resolution=1)), 4)


def division_agreement(
    membership: np.ndarray, labellings: Sequence[Labelling]
) -> list[dict[str, Any]]:
    """ARI and NMI between the clusters and each official partition, best (highest ARI)
    first."""
    rows = []
    for labelling in labellings:
        ari, nmi = agreement(membership, labelling.labels)
        rows.append(
            {
                "indeling": labelling.slug,
                "naam": labelling.name,
                "aantalRegios": len(np.unique(labelling.labels)),
                "ari": round(ari, 4),
                "nmi": round(nmi, 4),
                "dekking": round(labelling.coverage, 4),
                "meervoudig": round(labelling.multiple, 4),
            }
        )
    return sorted(rows, key=lambda r: (-r["ari"], -r["nmi"], r["indeling"]))


def best_region(members: frozenset[int], regions: Sequence[Region]) -> dict[str, Any] | None:
    """The official region (or province) most like the cluster (Jaccard index of the member
    sets; ties: the province, then the name)."""
    best: tuple | None = None
    for region in regions:
        shared = len(members & region.members)
        if not shared:
            continue
        jaccard = shared / len(members | region.members)
        key = (-jaccard, region.division != "provincies", region.name)
        if best is None or key < best[0]:
            best = (key, region, jaccard)
    if best is None:
        return None
    _, region, jaccard = best
    return {"indeling": region.division, "regio": region.name, "jaccard": round(jaccard, 4)}


def centre_of(
    members: np.ndarray,
    leads: np.ndarray,
    arrangements_per_node: np.ndarray,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
) -> int:
    """The member that is the lead (centrumgemeente) of the most arrangements; ties: the one
    in most arrangements, then the largest weight to the other members, then the lowest node.
    Usually the centre city."""
    n = len(arrangements_per_node)
    inside = np.zeros(n, dtype=bool)
    inside[members] = True
    keep = inside[sources] & inside[targets]
    strength = np.bincount(sources[keep], weights=weights[keep], minlength=n) + np.bincount(
        targets[keep], weights=weights[keep], minlength=n
    )
    ranking = np.lexsort(
        (members, -strength[members], -arrangements_per_node[members], -leads[members])
    )
    return int(members[ranking[0]])
