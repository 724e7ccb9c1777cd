"""Adding, ending and removing members of an arrangement. Each change schedules the
arrangement's footprint to be recomputed after commit."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collaborations.arrangements.models import Arrangement, Membership, Organisation
from collaborations.arrangements.services.footprints import arrangement_footprint_schedule
from collaborations.core.choices import Role
from collaborations.core.services.versioning import data_version_bump
from collaborations.geography.models import Municipality, Province

Member = Municipality | Province | Organisation


def _member_fields(member: Member) -> dict[str, Member]:
    if isinstance(member, Municipality):
        return {"municipality": member}
    if isinstance(member, Province):
        return {"province": member}
    if isinstance(member, Organisation):
        return {"organisation": member}
    raise ValidationError(_("Onbekende soort lid: %(kind)s") % {"kind": type(member).__name__})


def _check_dates(
    valid_from: datetime.date | None, valid_to: datetime.date | None, member: Member
) -> None:
    if valid_from and valid_to and valid_to <= valid_from:
        raise ValidationError(_("De einddatum van het lidmaatschap ligt niet na de begindatum."))
    if isinstance(member, Municipality):
        if member.valid_to and valid_from and valid_from >= member.valid_to:
            raise ValidationError(
                _("%(name)s bestond niet meer op %(date)s.")
                % {"name": member.name, "date": valid_from.isoformat()}
            )
        if member.valid_from and valid_to and valid_to <= member.valid_from:
            raise ValidationError(
                _("%(name)s bestond nog niet vóór %(date)s.")
                % {"name": member.name, "date": valid_to.isoformat()}
            )


@transaction.atomic
def membership_add(
    *,
    arrangement: Arrangement,
    member: Member,
    role: str = Role.PARTICIPANT,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    name_as_recorded: str = "",
) -> Membership:
    """Add ``member`` to ``arrangement``."""
    _check_dates(valid_from, valid_to, member)
    membership = Membership(
        arrangement=arrangement,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        name_as_recorded=name_as_recorded or str(getattr(member, "name", "")),
        **_member_fields(member),
    )
    membership.full_clean()
    membership.save()
    data_version_bump()
    arrangement_footprint_schedule(arrangement_id=arrangement.pk)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, valid_to: datetime.date) -> Membership:
    """End a membership on ``valid_to`` (exclusive)."""
    if membership.valid_from and valid_to <= membership.valid_from:
        raise ValidationError(_("De einddatum van het lidmaatschap ligt niet na de begindatum."))
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to"])
    data_version_bump()
    arrangement_footprint_schedule(arrangement_id=membership.arrangement_id)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Delete a membership recorded in error (ending one is :func:`membership_end`)."""
    arrangement_id = membership.arrangement_id
    membership.delete()
    data_version_bump()
    arrangement_footprint_schedule(arrangement_id=arrangement_id)
