"""PostGIS backend for the read replica: when a new connection to the replica fails, it marks
the replica down for a cool-off and connects to the primary instead, so the read that asked
for it still succeeds. A connection made that way is given up (``is_usable`` is false) once
the cool-off is over, so the next request tries the replica again."""

from __future__ import annotations

import logging

from django.contrib.gis.db.backends.postgis.base import DatabaseWrapper as PostGISWrapper
from django.db import connections
from psycopg import OperationalError

from regioatlas.db_router import PRIMARY, replica_health

logger = logging.getLogger("regioatlas.db_router")


class DatabaseWrapper(PostGISWrapper):
    fallback = False

    def get_new_connection(self, conn_params):
        if replica_health.available():
            try:
                connection = super().get_new_connection(conn_params)
            except OperationalError as exc:
                replica_health.mark_down()
                logger.warning("replica unreachable, reading from the primary: %s", exc)
            else:
                self.fallback = False
                return connection
        self.fallback = True
        primary = connections[PRIMARY]
        return super().get_new_connection(primary.get_connection_params())

    def is_usable(self) -> bool:
        if self.fallback and replica_health.available():
            return False  # the cool-off is over: reconnect, to the replica if it is back
        return super().is_usable()
