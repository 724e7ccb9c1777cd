"""The memberships in force (``MunicipalityMembership``): the lineage rule worked out once per
write instead of on every read.

The database keeps the table in step: statement triggers on memberships, the lineage and
municipality validity refresh the arrangements they touch, in the writer's transaction
(migration 0016 holds the one INSERT ... SELECT, ``collaborations_memberships_in_force_refresh``).
This service runs that refresh explicitly: for everything at the end of ``manage.py load``, or for
some arrangements."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction


def memberships_in_force_refresh(*, arrangement_ids: Iterable[int] | None = None) -> int:
    """Rebuild the memberships in force of ``arrangement_ids`` (default: every arrangement) in
    one statement. Returns the number of rows written."""
    ids = None if arrangement_ids is None else [int(pk) for pk in arrangement_ids]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT collaborations_memberships_in_force_refresh(%s::bigint[])", [ids])
        return cursor.fetchone()[0]
