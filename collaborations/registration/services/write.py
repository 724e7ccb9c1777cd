"""Writing states (see :mod:`.state`) to the database: the one writer behind direct edits,
approvals, reverts and bulk imports. It works on a batch with a constant number of queries,
checks the expected version of every arrangement it changes (optimistic concurrency: a stale
version raises :class:`StaleVersion` and nothing is written), records a revision per
arrangement, bumps the data version and schedules the footprints after commit."""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from collaborations.arrangements.models import (
    Arrangement,
    DataSource,
    Organisation,
    Theme,
)
from collaborations.arrangements.services.footprints import arrangement_footprints_schedule
from collaborations.core.choices import PublicationStatus
from collaborations.core.services.versioning import data_version_bump
from collaborations.registration.choices import RevisionKind
from collaborations.registration.models import ArrangementRevision
from collaborations.registration.selectors.states import arrangement_states
from collaborations.registration.services.write_members import memberships_write
from collaborations.registration.state import SCALAR_FIELDS, diff

REGISTRATION_SOURCE = {
    "slug": "regioatlas-registratie",
    "name": "Registratie in de Regioatlas",
    "publisher": "Redacteuren en moderatoren van de Regioatlas",
}
logger = logging.getLogger(__name__)
BASELINE_REASON = "Stand vóór de eerste wijziging via de registratie (zoals geïmporteerd)."


class StaleVersion(Exception):  # noqa: N818 - a condition, not a programming error
    """An arrangement changed since the version the writer was given. ``current`` maps the
    arrangement id to its current version."""

    def __init__(self, current: dict[int, int]):
        super().__init__(", ".join(f"{pk}: versie {v}" for pk, v in current.items()))
        self.current = current


class MergeConflict(Exception):  # noqa: N818
    """A suggestion changes fields that someone else changed since it was made."""

    def __init__(self, fields: list[str]):
        super().__init__(", ".join(fields))
        self.fields = fields


@dataclass
class Write:
    """One arrangement to create (``arrangement_id`` None) or change."""

    state: dict[str, Any]
    reason: str
    kind: str = RevisionKind.EDITED
    arrangement_id: int | None = None
    expected_version: int | None = None
    created_by: Any = None
    by_label: str = ""
    approved_by: Any = None
    submission_id: int | None = None
    reverted_to_id: int | None = None
    import_job_id: int | None = None
    #: More fields of a new arrangement (division_id, region_code, source_id, provenance_note).
    extra: dict[str, Any] = field(default_factory=dict)


def registration_source() -> DataSource:
    source, _created = DataSource.objects.get_or_create(
        slug=REGISTRATION_SOURCE["slug"],
        defaults={k: v for k, v in REGISTRATION_SOURCE.items() if k != "slug"},
    )
    return source


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _fields(state: dict[str, Any]) -> dict[str, Any]:
    values = {name: state[name] for name in SCALAR_FIELDS}
    for name in ("start_date", "end_date"):
        values[name] = _date(values[name])
    return values


# --- steps ------------------------------------------------------------------------------------
def _lock(writes: Sequence[Write]) -> dict[int, Arrangement]:
    ids = [w.arrangement_id for w in writes if w.arrangement_id is not None]
    locked = {
        a.pk: a
        for a in Arrangement.objects.select_for_update().filter(pk__in=ids).defer("footprint")
    }
    stale = {
        w.arrangement_id: locked[w.arrangement_id].version
        for w in writes
        if w.arrangement_id is not None
        and w.arrangement_id in locked
        and w.expected_version is not None
        and locked[w.arrangement_id].version != w.expected_version
    }
    missing = {pk: 0 for pk in ids if pk not in locked}
    if stale or missing:
        raise StaleVersion({**stale, **missing})
    return locked


def _baselines(locked: dict[int, Arrangement], before: dict[int, dict]) -> None:
    """The state as it was before the first recorded change (so it can be reverted to)."""
    with_history = set(
        ArrangementRevision.objects.filter(arrangement_id__in=list(locked))
        .values_list("arrangement_id", flat=True)
        .distinct()
    )
    ArrangementRevision.objects.bulk_create(
        ArrangementRevision(
            arrangement_id=pk,
            version=arrangement.version,
            kind=RevisionKind.BASELINE,
            created_at=arrangement.updated_at or timezone.now(),
            reason=BASELINE_REASON,
            state=before[pk],
        )
        for pk, arrangement in locked.items()
        if pk not in with_history
    )


def _organisations(writes: Sequence[Write]) -> None:
    """Create the new partners (organisation members without an id) and fill in their ids."""
    wanted = [
        m
        for w in writes
        for m in w.state["members"]
        if m["kind"] == "organisation" and not m["organisation_id"]
    ]
    if not wanted:
        return
    names = {m["name"] for m in wanted}
    known = {
        (name, kind): pk
        for pk, name, kind in Organisation.objects.filter(name__in=names).values_list(
            "pk", "name", "kind"
        )
    }
    new = {
        (m["name"], m["organisation_kind"]): Organisation(
            name=m["name"], kind=m["organisation_kind"], kvk_number=m["kvk_number"]
        )
        for m in wanted
        if (m["name"], m["organisation_kind"]) not in known
    }
    Organisation.objects.bulk_create(new.values())
    known.update({key: organisation.pk for key, organisation in new.items()})
    for member in wanted:
        member["organisation_id"] = known[(member["name"], member["organisation_kind"])]


def _slugs(names: list[str]) -> list[str]:
    bases = [slugify(name)[:230] or "samenwerkingsverband" for name in names]
    pattern = "^(" + "|".join(re.escape(b) for b in set(bases)) + ")(-[0-9]+)?$"
    taken = set(Arrangement.objects.filter(slug__regex=pattern).values_list("slug", flat=True))
    result = []
    for base in bases:
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result.append(slug)
    return result


def _create(writes: Sequence[Write], source: DataSource) -> None:
    new = [w for w in writes if w.arrangement_id is None]
    if not new:
        return
    slugs = _slugs([w.state["name"] for w in new])
    objects = [
        Arrangement(
            **{
                **_fields(w.state),
                "slug": slug,
                "publication_status": PublicationStatus.PUBLISHED,
                "version": 1,
                "source_id": source.pk,
                **w.extra,
            }
        )
        for w, slug in zip(new, slugs, strict=True)
    ]
    Arrangement.objects.bulk_create(objects)
    for write, arrangement in zip(new, objects, strict=True):
        write.arrangement_id = arrangement.pk


def _update(writes: Sequence[Write], locked: dict[int, Arrangement]) -> None:
    changed = []
    now = timezone.now()
    for write in writes:
        arrangement = locked.get(write.arrangement_id)
        if arrangement is None:
            continue
        for name, value in _fields(write.state).items():
            setattr(arrangement, name, value)
        arrangement.version += 1
        arrangement.updated_at = now
        changed.append(arrangement)
    if changed:
        Arrangement.objects.bulk_update(changed, [*SCALAR_FIELDS, "version", "updated_at"])


def _themes(writes: Sequence[Write], existing_ids: list[int]) -> None:
    through = Arrangement.themes.through
    slugs = {s for w in writes for s in w.state["themes"]}
    ids = dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    through.objects.filter(arrangement_id__in=existing_ids).delete()
    through.objects.bulk_create(
        through(arrangement_id=w.arrangement_id, theme_id=ids[slug])
        for w in writes
        for slug in w.state["themes"]
    )


def _record(
    writes: Sequence[Write], before: dict[int, dict], after: dict[int, dict], versions: dict
) -> list[ArrangementRevision]:
    now = timezone.now()
    revisions = [
        ArrangementRevision(
            arrangement_id=w.arrangement_id,
            version=versions.get(w.arrangement_id, 1),
            kind=w.kind,
            created_at=now,
            created_by=w.created_by,
            by_label=w.by_label,
            approved_by=w.approved_by,
            reason=w.reason[:500],
            changes=diff(before.get(w.arrangement_id), after[w.arrangement_id]),
            state=after[w.arrangement_id],
            submission_id=w.submission_id,
            reverted_to_id=w.reverted_to_id,
            import_job_id=w.import_job_id,
        )
        for w in writes
    ]
    return ArrangementRevision.objects.bulk_create(revisions)


def _schedule_footprints(ids: list[int]) -> None:
    arrangement_footprints_schedule(arrangement_ids=ids)


def states_write(*, writes: Sequence[Write]) -> list[ArrangementRevision]:
    """Write every state in one transaction; all or nothing. Raises :class:`StaleVersion` when
    an arrangement's version is not the expected one. The states must have been checked
    (:func:`.validation.state_check`); database constraints are the last line."""
    if not writes:
        return []
    try:
        with transaction.atomic():
            locked = _lock(writes)
            existing_ids = list(locked)
            before = arrangement_states(ids=existing_ids)
            _baselines(locked, before)
            source = registration_source()
            _organisations(writes)
            _create(writes, source)
            _update(writes, locked)
            _themes(writes, existing_ids)
            memberships_write(writes, existing_ids, source)
            ids = [w.arrangement_id for w in writes]
            after = arrangement_states(ids=ids)
            versions = {pk: a.version for pk, a in locked.items()}
            revisions = _record(writes, before, after, versions)
            data_version_bump()
            _schedule_footprints(ids)
    except IntegrityError as exc:
        logger.warning("registration write refused by the database: %s", exc)
        raise ValidationError(
            _(
                "De gegevens botsen met wat er al is opgeslagen (bijv. een dubbel lid of een "
                "GR-code die al bestaat). Er is niets gewijzigd."
            )
        ) from exc
    return revisions


def import_revisions_record(
    *,
    arrangement_ids: Sequence[int],
    before: dict[int, dict],
    versions: dict[int, int],
    reason: str,
    created_by: Any = None,
    by_label: str = "",
    import_job_id: int | None = None,
) -> list[ArrangementRevision]:
    """Revisions for arrangements that another writer changed in the current transaction (a
    version of a division, written by divisions.services): a baseline of the state ``before``
    (at its version in ``versions``) where an arrangement had no history yet, the next version,
    and an IMPORTED revision with the change; bumps the data version and schedules the
    footprints after commit. Arrangements missing from ``versions`` are new (version 1)."""
    ids = list(arrangement_ids)
    if not ids:
        return []
    arrangements = {a.pk: a for a in Arrangement.objects.filter(pk__in=ids).defer("footprint")}
    for pk, arrangement in arrangements.items():
        arrangement.version = versions.get(pk, 0)
    _baselines({pk: a for pk, a in arrangements.items() if pk in before}, before)
    for pk, arrangement in arrangements.items():
        arrangement.version = versions.get(pk, 0) + 1
    Arrangement.objects.bulk_update(arrangements.values(), ["version"])
    after = arrangement_states(ids=ids)
    writes = [
        Write(
            state=after[pk],
            reason=reason,
            kind=RevisionKind.IMPORTED,
            arrangement_id=pk,
            created_by=created_by,
            by_label=by_label,
            import_job_id=import_job_id,
        )
        for pk in ids
    ]
    revisions = _record(writes, before, after, {pk: a.version for pk, a in arrangements.items()})
    data_version_bump()
    _schedule_footprints(ids)
    return revisions
