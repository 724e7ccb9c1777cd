"""The weighted co-membership network for the BRE analysis (docs/bre.md): the memberships
from PostgreSQL, the edges and their weights computed from them in numpy.

Nodes are the municipalities that exist on the filter's day (peildatum), also those without any
shared arrangement. Every pair of municipalities that represent members of the same filtered
arrangement is an edge, with three weights:

- ``count``: the number of shared arrangements;
- ``normalised``: each arrangement with n municipal members adds 1/(n-1) to each of its pairs,
  so every municipality gets at most weight 1 from one arrangement, however large it is;
- ``jaccard``: shared / arrangements of either (|A_i and A_j| / |A_i or A_j|, A_i the arrangements of i).

Municipal members are counted as on the day: a member that merged is represented by its
successor. A member that was split (Haaren, 2021) is represented by its *main* successor only,
unlike ``arrangements.selectors.represented.represented_municipality_pairs`` (all parts): otherwise a city that
took over one village (Tilburg: Biezenmortel) would inherit every arrangement of the old
municipality and be pulled into its region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from django.db import connection
from django.db.models import Q, QuerySet

from collaborations.arrangements.models import Membership
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.geography.selectors.validity import municipalities_on, valid_on

if TYPE_CHECKING:
    import igraph

Weighting = Literal["count", "normalised", "jaccard"]
WEIGHTINGS: tuple[str, ...] = ("count", "normalised", "jaccard")


@dataclass(frozen=True)
class BreNetwork:
    """Node ``i`` is municipality ``municipality_ids[i]`` (nodes ordered by CBS code); edge
    ``e`` joins nodes ``sources[e] < targets[e]``."""

    municipality_ids: np.ndarray
    codes: tuple[str, ...]
    sources: np.ndarray
    targets: np.ndarray
    shared: np.ndarray
    normalised: np.ndarray
    jaccard: np.ndarray
    #: Per edge, the ids of the shared arrangements (None when built without them).
    arrangement_ids: tuple[tuple[int, ...], ...] | None = None

    @property
    def node_count(self) -> int:
        return len(self.municipality_ids)

    @property
    def edge_count(self) -> int:
        return len(self.sources)

    def weights(self, weighting: str) -> np.ndarray:
        if weighting == "count":
            return self.shared.astype(np.float64)
        if weighting == "normalised":
            return self.normalised
        if weighting == "jaccard":
            return self.jaccard
        raise ValueError(f"unknown weighting {weighting!r}; choose from {', '.join(WEIGHTINGS)}")

    def graph(self, weighting: str = "count") -> igraph.Graph:
        """The undirected igraph Graph with edge attribute ``weight``."""
        import igraph

        # pairs from an iterator: a third of the time of a list of lists (1.1M edges)
        edges = zip(self.sources.tolist(), self.targets.tolist(), strict=True)
        graph = igraph.Graph(n=self.node_count, edges=edges, directed=False)
        graph.es["weight"] = self.weights(weighting).tolist()
        return graph

    def explain(self, source_id: int, target_id: int) -> tuple[int, ...]:
        """The arrangements shared by two municipalities (ids), when built with ids."""
        if self.arrangement_ids is None:
            raise ValueError("network built without arrangement ids (with_ids=False)")
        index = {mid: i for i, mid in enumerate(self.municipality_ids.tolist())}
        a, b = sorted((index[source_id], index[target_id]))
        hits = np.flatnonzero((self.sources == a) & (self.targets == b))
        return self.arrangement_ids[hits[0]] if len(hits) else ()


def bre_member_pairs(*, filters: ArrangementFilter | None = None) -> QuerySet:
    """(arrangement_id, municipality_id): the filtered arrangements and the municipalities that
    represent their municipal members on the filter's day; a split member only by its main
    successor."""
    f = filters or ArrangementFilter()
    day = f.on
    lineage = "municipality__lineage_descendants__"
    return (
        Membership.objects.filter(
            valid_on(day),
            municipality__isnull=False,
            arrangement_id__in=arrangements_filter(filters=f).values("pk"),
        )
        .filter(
            Q(**{f"{lineage}since__isnull": True}) | Q(**{f"{lineage}since__lte": day}),
            valid_on(day, prefix=f"{lineage}descendant__"),
            **{f"{lineage}is_main": True},
        )
        .order_by()
        .values_list("arrangement_id", f"{lineage}descendant_id")
        .distinct()
    )


def _member_pairs(filters: ArrangementFilter) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (arrangement id, municipality id) pairs as two arrays, in one query: the
    ORM's pairs aggregated into two arrays (one row to decode instead of a row per pair)."""
    pairs_sql, params = bre_member_pairs(filters=filters).query.sql_with_params()
    sql = f"SELECT array_agg(q.aid), array_agg(q.mid) FROM ({pairs_sql}) AS q(aid, mid)"  # noqa: S608 - ORM-built SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        aids, mids = cursor.fetchone()
    return np.array(aids or [], dtype=np.int64), np.array(mids or [], dtype=np.int64)


@dataclass(frozen=True)
class _Edges:
    """Edges as municipality ids ``s < t``, ordered by (s, t), with their weights."""

    s: np.ndarray
    t: np.ndarray
    shared: np.ndarray
    normalised: np.ndarray
    jaccard: np.ndarray
    arrangement_ids: tuple[tuple[int, ...], ...] | None


def co_membership(aids: np.ndarray, mids: np.ndarray, *, with_ids: bool) -> _Edges:
    """Every pair of municipalities in the same arrangement, from the distinct (arrangement,
    municipality) pairs, in numpy: the sparse product M Mᵀ of the membership matrix, computed
    by listing each arrangement's pairs and counting them per municipality pair."""
    order = np.lexsort((mids, aids))  # by arrangement, its members by id
    aids, mids = aids[order], mids[order]
    _, starts, sizes = np.unique(aids, return_index=True, return_counts=True)
    size_of = np.repeat(sizes, sizes)  # per row: its arrangement's number of members
    after = np.repeat(starts + sizes, sizes) - np.arange(len(aids)) - 1  # later members
    left = np.repeat(np.arange(len(aids)), after)
    step = np.arange(len(left)) - np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + step  # each later member of the same arrangement once
    s, t = mids[left], mids[right]  # s < t: members are ordered by id within an arrangement
    width = int(mids.max()) + 1 if len(mids) else 1
    keys, edge, shared = np.unique(s * width + t, return_inverse=True, return_counts=True)
    # each pair's 1/(n-1) summed in extended precision, then rounded once: the float64
    # nearest the exact sum (as PostgreSQL's numeric sum gave), whatever the order of terms
    by_edge = np.argsort(edge, kind="stable")
    terms = 1 / (size_of[left][by_edge] - 1).astype(np.longdouble)
    first = np.cumsum(shared) - shared
    normalised = np.add.reduceat(terms, first).astype(np.float64) if len(keys) else terms
    ids, degree = np.unique(mids, return_counts=True)  # arrangements per municipality
    s, t = keys // width, keys % width
    k_s, k_t = degree[np.searchsorted(ids, s)], degree[np.searchsorted(ids, t)]
    arrangement_ids = None
    if with_ids:  # per edge, its arrangements in id order
        groups = np.split(aids[left][by_edge], first[1:])  # stable: ids ascending per edge
        arrangement_ids = tuple(tuple(g.tolist()) for g in groups) if len(keys) else ()
    return _Edges(
        s=s,
        t=t,
        shared=shared.astype(np.int64),
        normalised=normalised,
        jaccard=shared / (k_s + k_t - shared),
        arrangement_ids=arrangement_ids,
    )


def bre_network(*, filters: ArrangementFilter | None = None, with_ids: bool = True) -> BreNetwork:
    """The co-membership network of the filtered arrangements on the filter's day (two
    queries: the municipalities, and the (arrangement, municipality) pairs; the edges and
    their three weights are computed from the pairs in numpy)."""
    f = filters or ArrangementFilter()
    municipalities = municipalities_on(day=f.on)
    if f.country:  # no country: every municipality (the arrangements of every country)
        municipalities = municipalities.filter(country=f.country)
    nodes = list(municipalities.order_by("code").values_list("pk", "code"))
    municipality_ids = np.array([pk for pk, _ in nodes], dtype=np.int64)
    edges = co_membership(*_member_pairs(f), with_ids=with_ids)
    by_id = np.argsort(municipality_ids)
    last = max(len(by_id) - 1, 0)
    sources = by_id[np.searchsorted(municipality_ids[by_id], edges.s).clip(max=last)]
    targets = by_id[np.searchsorted(municipality_ids[by_id], edges.t).clip(max=last)]
    if not (
        np.array_equal(municipality_ids[sources], edges.s)
        and np.array_equal(municipality_ids[targets], edges.t)
    ):
        raise KeyError("a member's municipality is not among the nodes of the day")
    swap = sources > targets  # node order is by code, the pairs' by id
    sources[swap], targets[swap] = targets[swap], sources[swap].copy()
    return BreNetwork(
        municipality_ids=municipality_ids,
        codes=tuple(code for _, code in nodes),
        sources=sources,
        targets=targets,
        shared=edges.shared,
        normalised=edges.normalised,
        jaccard=edges.jaccard,
        arrangement_ids=edges.arrangement_ids,
    )
