"""The audit log: one structured line per security event on the logger ``regioatlas.audit``.

Each line is a JSON object with ``event`` (a dotted name, see docs/security.md), ``by`` (the
acting account's username, or ``null`` for an anonymous client), and what the event is
about (``target``, ``ip`` and other fields). The same dictionary is on the log record as
``record.audit`` for handlers and tests. Secrets (passwords, token keys) never appear."""

from __future__ import annotations

import json
import logging
from typing import Any

logger = logging.getLogger("regioatlas.audit")


def username_of(user: Any) -> str | None:
    """The username of an account, or None for nobody or an anonymous user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.get_username()


def audit(event: str, *, by: Any = None, **fields: Any) -> dict[str, Any]:
    """Log ``event`` done by ``by`` (an account, a username or None) with ``fields``."""
    actor = by if isinstance(by, str) or by is None else username_of(by)
    line = {"event": event, "by": actor, **fields}
    logger.info(json.dumps(line, default=str, sort_keys=False), extra={"audit": line})
    return line
