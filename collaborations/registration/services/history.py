"""Reverting an arrangement to an earlier version, and confirming it is still correct."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from collaborations import permissions
from collaborations.arrangements.models import Arrangement
from collaborations.core.audit import audit
from collaborations.core.services.versioning import data_version_bump
from collaborations.registration.choices import RevisionKind
from collaborations.registration.models import ArrangementConfirmation, ArrangementRevision
from collaborations.registration.selectors.states import user_label
from collaborations.registration.services.validation import reason_check, state_check
from collaborations.registration.services.write import StaleVersion, Write, states_write


def arrangement_revert(
    *,
    arrangement: Arrangement,
    revision: ArrangementRevision,
    by: Any,
    reason: str,
    expected_version: int,
) -> ArrangementRevision:
    """Make the state of ``revision`` current again (as a new version, so nothing is lost).
    Members recorded in that version are kept as they were (no existence checks)."""
    if not permissions.can_revert(by, arrangement):
        raise PermissionDenied
    reason = reason_check(reason)
    if revision.arrangement_id != arrangement.pk:
        raise ValidationError(_("Deze versie hoort bij een ander samenwerkingsverband."))
    if expected_version != arrangement.version:
        raise StaleVersion({arrangement.pk: arrangement.version})
    if revision.version == arrangement.version:
        raise ValidationError(_("Dit is al de huidige versie."))
    checked = state_check(state=revision.state, base=revision.state, arrangement_id=arrangement.pk)
    checked.raise_for_errors()
    write = Write(
        state=checked.state,
        reason=reason,
        kind=RevisionKind.REVERTED,
        arrangement_id=arrangement.pk,
        expected_version=expected_version,
        created_by=by,
        by_label=user_label(user=by),
        reverted_to_id=revision.pk,
    )
    new = states_write(writes=[write])[0]
    audit(
        "arrangement.reverted",
        by=by,
        arrangement=arrangement.pk,
        to_version=revision.version,
        new_version=new.version,
    )
    return new


def arrangement_confirm(*, arrangement: Arrangement, by: Any) -> ArrangementConfirmation:
    """Record that ``by`` checked the arrangement and found it still correct."""
    if not permissions.can_confirm(by, arrangement):
        raise PermissionDenied
    confirmation, _created = ArrangementConfirmation.objects.update_or_create(
        arrangement=arrangement,
        defaults={
            "last_confirmed_at": timezone.now(),
            "last_confirmed_by": by,
            "by_label": user_label(user=by),
        },
    )
    data_version_bump()
    return confirmation
