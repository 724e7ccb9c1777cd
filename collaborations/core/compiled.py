"""Querysets compiled to SQL once per process and shape (issue 15, the list pages).

Building a list page's queryset (filters, correlated subqueries, the geometry expression) and
compiling it to SQL cost more CPU than PostgreSQL spends answering it. The SQL and its
parameters depend only on what the caller puts in ``key`` (the filters, the day, the
ordering, the page...), so they are compiled once per process and key and then executed as
they are: the same ORM-built SQL with its parameters, through the database the router chooses
for each read (a replica when there is one), and the rows converted by the same compiler's
converters as ``.values()`` would. The data is read on every request; only the compilation is
kept. At most :data:`SIZE` shapes are kept (least recently used goes first)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connections, router
from django.db.models import Model, QuerySet

#: How many compiled shapes a process keeps.
SIZE = 256
#: How long a count per data version is kept (a new version makes it unreachable anyway).
COUNT_TIMEOUT = 3600


@dataclass(frozen=True)
class CompiledQuery:
    """One shape: the rows query (a ``.values()`` queryset, e.g. sliced to its page) and the
    count of the unsliced rows, both as SQL with parameters for database ``alias``, with the
    column names and the converters ``.values()`` would apply (not the whole compiler: a
    process keeps up to :data:`SIZE` of these)."""

    alias: str
    sql: str
    params: tuple
    names: tuple[str, ...]
    columns: int | None  # rows carry more columns (for the ORDER BY only): keep this many
    converters: tuple  # ((position, (converters, expression)), ...) as the compiler makes them
    count_sql: str | None
    count_params: tuple


_memo: OrderedDict[tuple, CompiledQuery] = OrderedDict()
_models: dict[Hashable, type[Model]] = {}
_lock = threading.Lock()


def _compile(alias: str, rows: QuerySet, counted: QuerySet | None) -> CompiledQuery:
    query = rows.query
    compiler = query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    # as django.db.models.query.ValuesIterable names the columns
    names = (
        tuple(query.selected)
        if query.selected
        else (*query.extra_select, *query.values_select, *query.annotation_select)
    )
    count_sql, count_params = None, ()
    if counted is not None:
        inner, count_params = (
            counted.order_by().values("pk").query.get_compiler(using=alias).as_sql()
        )
        # ORM-built SQL wrapped, its parameters kept apart (docs/style.md, rule 7)
        count_sql = "SELECT COUNT(*) FROM (" + inner + ") AS counted"  # noqa: S608
    fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
    return CompiledQuery(
        alias=alias,
        sql=sql,
        params=tuple(params),
        names=tuple(names),
        columns=compiler.col_count if compiler.has_extra_select else None,
        converters=tuple(compiler.get_converters(fields).items()),
        count_sql=count_sql,
        count_params=tuple(count_params),
    )


def compiled_query(
    *, key: Hashable, build: Callable[[], tuple[QuerySet, QuerySet | None]]
) -> CompiledQuery:
    """The compiled shape ``key``; ``build()`` returns (a ``.values()`` queryset, e.g. a
    page, and the unsliced queryset to count, or None) and is called only the first time."""
    model = _models.get(key)
    alias = router.db_for_read(model) if model is not None else None
    with _lock:
        found = _memo.get((key, alias))
        if found is not None:
            _memo.move_to_end((key, alias))
            return found
    rows, counted = build()
    alias = router.db_for_read(rows.model)
    result = _compile(alias, rows, counted)
    with _lock:
        _models[key] = rows.model
        _memo[(key, alias)] = result
        while len(_memo) > SIZE:
            old_key, _old_alias = _memo.popitem(last=False)[0]
            _models.pop(old_key, None)
    return result


def compiled_rows(query: CompiledQuery) -> list[dict[str, Any]]:
    """The rows of ``query`` as dicts, as ``.values()`` gives them (its converters applied as
    SQLCompiler.apply_converters does)."""
    connection = connections[query.alias]
    with connection.cursor() as cursor:
        cursor.execute(query.sql, query.params)
        fetched = cursor.fetchall()
    rows = []
    for fetched_row in fetched:
        row = list(fetched_row if query.columns is None else fetched_row[: query.columns])
        for position, (converters, expression) in query.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        rows.append(dict(zip(query.names, row, strict=True)))
    return rows


def compiled_count(query: CompiledQuery, *, version: str | None) -> int:
    """The number of rows of the unsliced query, kept in the cache per data ``version`` and
    query (None: counted every time)."""
    if query.count_sql is None:
        raise ValueError("compiled without a count")

    def count() -> int:
        with connections[query.alias].cursor() as cursor:
            cursor.execute(query.count_sql, query.count_params)
            return cursor.fetchone()[0]

    return version_count(
        version=version, sql=query.count_sql, params=query.count_params, count=count
    )


def version_count(*, version: str | None, sql: str, params: Any, count: Callable[[], int]) -> int:
    """``count()``, kept in the cache per data ``version`` and query (its ``sql`` and
    ``params``, so filters, the peildatum and what the user may see all make other keys): a
    list page counts all its rows once per data version instead of on every request."""
    if version is None:
        return count()
    text = f"{version}|{sql}|{params!r}"
    key = "count:" + hashlib.sha256(text.encode()).hexdigest()
    total = cache.get(key)
    if total is None:
        total = count()
        cache.set(key, total, timeout=COUNT_TIMEOUT)
    return total
