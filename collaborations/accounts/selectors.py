"""Reads of accounts: API tokens for the token page, and current login lockouts."""

from __future__ import annotations

import datetime
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from collaborations.accounts.models import ApiToken


def api_tokens_of(*, user: Any) -> list[dict[str, Any]]:
    """The user's tokens (newest first), with their state: werkt, verlopen or ingetrokken."""
    now = timezone.now()
    rows = list(
        ApiToken.objects.filter(user=user).values(
            "id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"
        )
    )
    for row in rows:
        if row["revoked_at"] is not None:
            row["state"] = "ingetrokken"
        elif row["expires_at"] <= now:
            row["state"] = "verlopen"
        else:
            row["state"] = "werkt"
    return rows


def _cool_off() -> datetime.timedelta:
    return settings.AXES_COOLOFF_TIME


def lockout_until(*, username: str | None, ip_address: str | None) -> datetime.datetime | None:
    """When a lockout of ``username`` or ``ip_address`` ends at the latest (the last counted
    failure plus the cool-off), or None when neither is locked out."""
    threshold = timezone.now() - _cool_off()
    ends = []
    for field, value in (("username", username), ("ip_address", ip_address)):
        if not value:
            continue
        totals = AccessAttempt.objects.filter(
            **{field: value}, attempt_time__gte=threshold
        ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        if (totals["failures"] or 0) >= settings.AXES_FAILURE_LIMIT:
            ends.append(totals["last"] + _cool_off())
    return max(ends) if ends else None


def lockouts_current() -> list[dict[str, Any]]:
    """Accounts and addresses locked out now, with their failures and when the lock ends."""
    threshold = timezone.now() - _cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=threshold)
    locks = []
    for field, kind in (("username", "account"), ("ip_address", "adres")):
        groups = (
            recent.exclude(**{f"{field}__isnull": True})
            .exclude(**{field: ""})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        locks += [
            {
                "kind": kind,
                "value": group[field],
                "failures": group["failures"],
                "until": group["last"] + _cool_off(),
            }
            for group in groups
        ]
    return locks
