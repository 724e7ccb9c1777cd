"""The weighted co-membership network for the BRE analysis (docs/bre.md), built in PostgreSQL.

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

        edges = np.column_stack([self.sources, self.targets]).tolist()
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


_EDGES_SQL = """
WITH m AS MATERIALIZED (
    SELECT DISTINCT q.aid, q.mid FROM ({pairs}) AS q(aid, mid)
),
size AS (SELECT aid, count(*) AS n FROM m GROUP BY aid),
degree AS (SELECT mid, count(*) AS k FROM m GROUP BY mid),
e AS (
    SELECT a.mid AS s, b.mid AS t, count(*) AS shared,
           sum(1.0 / (z.n - 1)) AS normalised, {ids} AS ids
    FROM m a
    JOIN m b ON a.aid = b.aid AND a.mid < b.mid
    JOIN size z ON z.aid = a.aid
    GROUP BY a.mid, b.mid
)
SELECT e.s, e.t, e.shared, e.normalised::float8,
       e.shared::float8 / (ds.k + dt.k - e.shared), e.ids
FROM e
JOIN degree ds ON ds.mid = e.s
JOIN degree dt ON dt.mid = e.t
ORDER BY e.s, e.t
"""


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


def _edge_rows(filters: ArrangementFilter, with_ids: bool) -> list[tuple]:
    pairs_sql, params = bre_member_pairs(filters=filters).query.sql_with_params()
    ids = "array_agg(a.aid ORDER BY a.aid)" if with_ids else "NULL::bigint[]"
    sql = _EDGES_SQL.format(pairs=pairs_sql, ids=ids)  # ORM-built SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def bre_network(*, filters: ArrangementFilter | None = None, with_ids: bool = True) -> BreNetwork:
    """The co-membership network of the filtered arrangements on the filter's day (two
    queries: the municipalities, and every edge with its three weights)."""
    f = filters or ArrangementFilter()
    municipalities = municipalities_on(day=f.on)
    if f.country:  # no country: every municipality (the arrangements of every country)
        municipalities = municipalities.filter(country=f.country)
    nodes = list(municipalities.order_by("code").values_list("pk", "code"))
    municipality_ids = np.array([pk for pk, _ in nodes], dtype=np.int64)
    index = {pk: i for i, (pk, _) in enumerate(nodes)}
    rows = _edge_rows(f, with_ids)
    count = len(rows)
    sources = np.fromiter((index[r[0]] for r in rows), dtype=np.int64, count=count)
    targets = np.fromiter((index[r[1]] for r in rows), dtype=np.int64, count=count)
    swap = sources > targets  # node order is by code, the SQL's by id
    sources[swap], targets[swap] = targets[swap], sources[swap].copy()
    return BreNetwork(
        municipality_ids=municipality_ids,
        codes=tuple(code for _, code in nodes),
        sources=sources,
        targets=targets,
        shared=np.fromiter((r[2] for r in rows), dtype=np.int64, count=count),
        normalised=np.fromiter((r[3] for r in rows), dtype=np.float64, count=count),
        jaccard=np.fromiter((r[4] for r in rows), dtype=np.float64, count=count),
        arrangement_ids=tuple(tuple(r[5]) for r in rows) if with_ids else None,
    )
