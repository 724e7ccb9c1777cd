"""Membership services and the footprint task on a real Celery worker."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.services.memberships import (
    membership_add,
    membership_end,
    membership_remove,
)
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.tiles.tasks import footprints_recompute_task
from regioatlas.celery import app
from tests.factories import (
    ArrangementFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    OrganisationFactory,
    square,
)


@pytest.mark.django_db
def test_membership_add_records_member_and_schedules_footprint(django_capture_on_commit_callbacks):
    arrangement = ArrangementFactory()
    municipality = MunicipalityFactory(name="Vughtje")
    with django_capture_on_commit_callbacks() as callbacks:
        membership = membership_add(arrangement=arrangement, member=municipality)
    assert membership.municipality == municipality
    assert membership.name_as_recorded == "Vughtje"
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_membership_of_an_organisation():
    membership = membership_add(
        arrangement=ArrangementFactory(), member=OrganisationFactory(), role="secretaris"
    )
    assert membership.organisation_id and membership.municipality_id is None


@pytest.mark.django_db
def test_membership_dates_are_checked_against_the_municipality():
    gone = MunicipalityFactory(valid_to=datetime.date(2019, 1, 1))
    with pytest.raises(ValidationError, match="bestond niet meer"):
        membership_add(
            arrangement=ArrangementFactory(), member=gone, valid_from=datetime.date(2020, 1, 1)
        )
    assert not Membership.objects.exists()
    with pytest.raises(ValidationError, match="ligt niet na"):
        membership_add(
            arrangement=ArrangementFactory(),
            member=MunicipalityFactory(),
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2019, 1, 1),
        )


@pytest.mark.django_db
def test_membership_end_and_remove(django_capture_on_commit_callbacks):
    membership = membership_add(arrangement=ArrangementFactory(), member=MunicipalityFactory())
    with django_capture_on_commit_callbacks() as callbacks:
        membership_end(membership=membership, valid_to=datetime.date(2025, 1, 1))
        membership_remove(membership=membership)
    assert len(callbacks) == 2
    assert not Membership.objects.exists()


def test_soft_time_limit_is_below_the_hard_one(settings):
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    task = app.tasks["collaborations.footprints_recompute"]
    assert task.soft_time_limit < task.time_limit
    assert settings.CELERY_TASK_SERIALIZER == "json" and settings.CELERY_ACCEPT_CONTENT == ["json"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_footprint_is_recomputed_by_a_real_worker_after_a_membership_change(
    celery_worker_process,
):
    # Two adjacent cells of the test grid near Utrecht.
    west = MunicipalityFactory(geom=square(0, 0))
    east = MunicipalityFactory(geom=square(1, 0))
    for municipality in (west, east):
        MunicipalityBoundaryFactory(municipality=municipality, year=2024)
    lineage_rebuild()
    arrangement = ArrangementFactory()
    membership_add(arrangement=arrangement, member=west)
    membership_add(arrangement=arrangement, member=east)
    deadline = time.monotonic() + 30
    footprint = None
    while time.monotonic() < deadline:
        footprint = Arrangement.objects.get(pk=arrangement.pk).footprint
        if footprint is not None and footprint.area == pytest.approx(0.005, rel=1e-6):
            break
        time.sleep(0.2)
    assert footprint is not None
    assert footprint.area == pytest.approx(0.05 * 0.05 * 2, rel=1e-6)
    result = footprints_recompute_task.delay([arrangement.pk]).get(timeout=30)
    assert result == 1
