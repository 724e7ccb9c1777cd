"""Login events in the audit log (collaborations.core.audit): failed logins, lockouts and
successful logins, from Django's and django-axes' signals (connected in atlas_web.apps).
Django hands the receivers the credentials with the password already masked; only the
username is logged."""

from __future__ import annotations

from typing import Any

from collaborations.core.audit import audit
from regioatlas.clientip import client_ip


def _where(request: Any) -> dict[str, Any]:
    if request is None:
        return {"ip": None, "path": None}
    return {"ip": client_ip(request), "path": request.path}


def login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    audit(
        "login.failed",
        by=None,
        target=(credentials or {}).get("username"),
        locked_out=bool(getattr(request, "axes_locked_out", False)),
        **_where(request),
    )


def locked_out(
    sender: Any, request: Any = None, username: str | None = None, **kwargs: Any
) -> None:
    audit("login.locked_out", by=None, target=username, **_where(request))


def logged_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    audit("login.succeeded", by=user, target=getattr(user, "username", None), **_where(request))
