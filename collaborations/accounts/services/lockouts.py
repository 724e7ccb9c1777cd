"""Lifting a login lockout before it expires (moderators, /registratie/vergrendelingen)."""

from __future__ import annotations

from typing import Any

from axes.utils import reset

from collaborations.core.audit import audit


def lockout_release(*, kind: str, value: str, by: Any) -> int:
    """Forget the failed logins of an account (``kind`` "account") or an address ("adres"),
    which lifts its lockout. Returns how many records of failures were removed."""
    if kind == "account":
        removed = reset(username=value)
    elif kind == "adres":
        removed = reset(ip=value)
    else:
        raise ValueError(kind)
    audit("login.unlocked", by=by, kind=kind, target=value, removed=removed)
    return removed
