"""The co-membership network: municipality pairs weighted by the arrangements they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, F, QuerySet

from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.represented import (
    memberships_in_force,
    represented_municipality_pairs,
)


@dataclass(frozen=True)
class Edge:
    source_id: int
    target_id: int
    shared: int
    arrangement_ids: tuple[int, ...] = ()


def memberships_represented(*, filters: ArrangementFilter | None = None) -> QuerySet:
    """(arrangement_id, municipality_id) on the filter's day for the filtered arrangements."""
    f = filters or ArrangementFilter()
    arrangements = arrangements_filter(filters=f).values("pk")
    return represented_municipality_pairs(day=f.on).filter(arrangement_id__in=arrangements)


_EDGES_SQL = """
WITH m AS MATERIALIZED (
    SELECT DISTINCT p.aid, p.mid FROM ({pairs}) AS p(aid, mid)
)
SELECT a.mid, b.mid, count(*) AS shared, {ids}
FROM m a
JOIN m b ON a.aid = b.aid AND a.mid < b.mid
{where}
GROUP BY a.mid, b.mid
HAVING count(*) >= %s
ORDER BY a.mid, b.mid
"""


def network_edges(
    *,
    filters: ArrangementFilter | None = None,
    min_shared: int = 1,
    with_ids: bool = False,
    municipality_ids: list[int] | None = None,
) -> list[Edge]:
    """Every pair of municipalities (represented on the filter's day) that share at least
    ``min_shared`` filtered arrangements; with ``municipality_ids`` only pairs touching them."""
    pairs = memberships_represented(filters=filters)
    pairs_sql, pairs_params = pairs.values_list(
        "arrangement_id", "municipality_id"
    ).query.sql_with_params()
    where, where_params = "", []
    if municipality_ids is not None:
        where = "WHERE a.mid = ANY(%s) OR b.mid = ANY(%s)"
        where_params = [list(municipality_ids), list(municipality_ids)]
    ids = "array_agg(a.aid ORDER BY a.aid)" if with_ids else "NULL"
    sql = _EDGES_SQL.format(pairs=pairs_sql, ids=ids, where=where)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pairs_params, *where_params, max(1, min_shared)])
        rows = cursor.fetchall()
    return [Edge(a, b, shared, tuple(aids) if aids else ()) for a, b, shared, aids in rows]


def partners_of(
    *,
    municipality_id: int,
    filters: ArrangementFilter | None = None,
    limit: int = 10,
    arrangement_ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    """The municipalities that share the most filtered arrangements with ``municipality_id`` on
    the filter's day (ties: the lowest id first), each as {id, code, naam, gedeeld}. One
    query over the memberships in force (index range lookups). ``arrangement_ids``: the
    filtered arrangements the municipality takes part in, when the caller has them already
    (the profile): the lookup then starts from those ids instead of a subquery, which lets
    the planner use the (arrangement, valid) index rather than scan every membership."""
    f = filters or ArrangementFilter()
    if arrangement_ids is None:
        arrangement_ids = (
            memberships_in_force(day=f.on)
            .filter(
                municipality_id=municipality_id,
                arrangement_id__in=arrangements_filter(filters=f).values("pk"),
            )
            .values("arrangement_id")
        )
    elif not arrangement_ids:
        return []
    return list(
        memberships_in_force(day=f.on)
        .filter(arrangement_id__in=arrangement_ids)
        .exclude(municipality_id=municipality_id)
        .values("municipality_id")
        .annotate(
            id=F("municipality_id"),
            code=F("municipality__code"),
            naam=F("municipality__name"),
            gedeeld=Count("arrangement_id", distinct=True),
        )
        .values("id", "code", "naam", "gedeeld")
        .order_by("-gedeeld", "municipality_id")[:limit]
    )
