"""Services of registration: submit, review, history, revert, confirm, concurrency."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.registration.choices import RevisionKind, SubmissionStatus
from collaborations.registration.models import ArrangementRevision
from collaborations.registration.selectors.history import arrangement_history
from collaborations.registration.selectors.states import arrangement_state
from collaborations.registration.services.history import arrangement_confirm, arrangement_revert
from collaborations.registration.services.submissions import (
    NeedsConfirmation,
    registration_submit,
    submission_approve,
    submission_reject,
    submission_request_changes,
    submission_revise,
)
from collaborations.registration.services.write import MergeConflict, StaleVersion

from .conftest import new_state

pytestmark = pytest.mark.django_db


def test_editor_registers_new_arrangement_which_waits_for_review(world):
    editor = world.users["gemeente"]
    outcome = registration_submit(by=editor, state=new_state(world), reason="Nieuw verband")
    assert not outcome.applied
    submission = outcome.submission
    assert submission.status == SubmissionStatus.PENDING
    assert not submission.is_suggestion  # Beekstad (GM9001) is the editor's own municipality
    assert not Arrangement.objects.filter(name="Regio Cromveen").exists()
    revision = submission_approve(submission=submission, by=world.users["moderator"])
    arrangement = Arrangement.objects.get(pk=revision.arrangement_id)
    assert arrangement.publication_status == "gepubliceerd"
    assert arrangement.memberships.count() == 3
    assert sorted(arrangement.themes.values_list("slug", flat=True)) == ["mobiliteit", "wonen"]
    assert revision.kind == RevisionKind.CREATED
    assert revision.created_by == editor and revision.approved_by == world.users["moderator"]
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert submission.arrangement_id == arrangement.pk


def test_moderator_publishes_directly(world):
    outcome = registration_submit(
        by=world.users["moderator"], state=new_state(world), reason="Bekend uit de krant"
    )
    assert outcome.applied
    assert outcome.revision.version == 1


def test_validation_messages(world):
    state = new_state(
        world,
        codes=["GM9001"],
        cbs_gr_code="GX12",
        kvk_number="123",
        start_date="2021-01-01",
        end_date="2020-01-01",
        website="geen url",
        themes=[],
    )
    with pytest.raises(ValidationError) as info:
        registration_submit(by=world.users["moderator"], state=state, reason="test")
    errors = info.value.message_dict
    assert set(errors) >= {"members", "cbs_gr_code", "kvk_number", "end_date", "website", "themes"}
    assert "ten minste twee leden" in errors["members"][0]


def test_member_that_no_longer_existed(world):
    state = new_state(world, codes=["GM9001", "GM9100"])
    with pytest.raises(ValidationError) as info:
        registration_submit(by=world.users["moderator"], state=state, reason="test")
    assert "Oudwoude bestond op 2020-01-01 niet meer" in str(info.value.message_dict)


def test_duplicate_name_needs_confirmation(world):
    state = new_state(world, name="regio aadorp-beekstad")
    with pytest.raises(NeedsConfirmation):
        registration_submit(by=world.users["moderator"], state=state, reason="test")
    outcome = registration_submit(
        by=world.users["moderator"], state=state, reason="test", confirm_warnings=True
    )
    assert outcome.applied


def test_authorised_editor_changes_directly_with_history(world):
    editor = world.users["gemeente"]
    own = world.own
    state = arrangement_state(arrangement_id=own.pk)
    state["name"] = "Regio Aadorp, Beekstad en Cromveen"
    state["themes"] = ["wonen", "jeugd"]
    state["members"].pop()  # remove one member
    outcome = registration_submit(
        by=editor, state=state, reason="Naam gewijzigd", arrangement=own, expected_version=1
    )
    assert outcome.applied
    own.refresh_from_db()
    assert own.version == 2 and own.name == "Regio Aadorp, Beekstad en Cromveen"
    history = arrangement_history(arrangement_id=own.pk)
    assert [r["version"] for r in history["revisions"]] == [2, 1]
    latest = history["revisions"][0]["readable"]
    assert latest["fields"][0]["old"] == "Regio Aadorp-Beekstad"
    assert latest["themes_added"] == ["Jeugd"]
    assert len(latest["members_removed"]) == 1
    assert history["revisions"][1]["kind"] == RevisionKind.BASELINE


def test_stale_version_is_refused_and_nothing_changes(world):
    editor = world.users["gemeente"]
    state = arrangement_state(arrangement_id=world.own.pk)
    first = dict(state, name="Eerste")
    second = dict(state, name="Tweede")
    registration_submit(
        by=editor, state=first, reason="een", arrangement=world.own, expected_version=1
    )
    world.own.refresh_from_db()
    with pytest.raises(StaleVersion):
        registration_submit(
            by=editor, state=second, reason="twee", arrangement=world.own, expected_version=1
        )
    world.own.refresh_from_db()
    assert world.own.name == "Eerste" and world.own.version == 2


def test_unauthorised_change_becomes_suggestion_and_rejection_is_visible(world):
    editor = world.users["gemeente"]
    state = arrangement_state(arrangement_id=world.other.pk)
    state["description"] = "Volgens mij klopt dit niet"
    outcome = registration_submit(
        by=editor, state=state, reason="Beschrijving", arrangement=world.other, expected_version=1
    )
    assert not outcome.applied and outcome.submission.is_suggestion
    world.other.refresh_from_db()
    assert world.other.description == ""
    submission_reject(submission=outcome.submission, by=world.users["moderator"], reason="Onjuist")
    outcome.submission.refresh_from_db()
    assert outcome.submission.status == SubmissionStatus.REJECTED
    assert outcome.submission.review_message == "Onjuist"


def test_suggestion_merges_onto_later_changes_or_conflicts(world):
    editor, moderator = world.users["gemeente"], world.users["moderator"]
    base = arrangement_state(arrangement_id=world.other.pk)
    outcome = registration_submit(
        by=editor,
        state=dict(base, description="Nieuwe omschrijving"),
        reason="x",
        arrangement=world.other,
        expected_version=1,
    )
    # meanwhile the moderator changes another field: the suggestion still applies
    registration_submit(
        by=moderator,
        state=dict(base, website="https://ef.nl"),
        reason="site",
        arrangement=world.other,
        expected_version=1,
    )
    submission_approve(submission=outcome.submission, by=moderator)
    world.other.refresh_from_db()
    assert world.other.description == "Nieuwe omschrijving"
    assert world.other.website == "https://ef.nl"
    # a suggestion on a field someone else changed meanwhile conflicts
    base = arrangement_state(arrangement_id=world.other.pk)
    outcome = registration_submit(
        by=editor,
        state=dict(base, description="A"),
        reason="x",
        arrangement=world.other,
        expected_version=world.other.version,
    )
    registration_submit(
        by=moderator,
        state=dict(base, description="B"),
        reason="y",
        arrangement=world.other,
        expected_version=world.other.version,
    )
    with pytest.raises(MergeConflict):
        submission_approve(submission=outcome.submission, by=moderator)


def test_request_changes_and_revise(world):
    editor, moderator = world.users["gemeente"], world.users["moderator"]
    outcome = registration_submit(by=editor, state=new_state(world), reason="nieuw")
    submission_request_changes(submission=outcome.submission, by=moderator, message="Website?")
    outcome.submission.refresh_from_db()
    assert outcome.submission.status == SubmissionStatus.CHANGES_REQUESTED
    submission_revise(
        submission=outcome.submission,
        by=editor,
        state=new_state(world, website="https://goed.nl"),
        reason="website erbij",
    )
    outcome.submission.refresh_from_db()
    assert outcome.submission.status == SubmissionStatus.PENDING
    assert outcome.submission.proposed["website"] == "https://goed.nl"
    with pytest.raises(PermissionDenied):
        submission_revise(
            submission=outcome.submission, by=moderator, state=new_state(world), reason="x"
        )


def test_revert_to_baseline(world):
    moderator = world.users["moderator"]
    before = arrangement_state(arrangement_id=world.own.pk)
    registration_submit(
        by=moderator,
        state=dict(before, name="Fout", members=before["members"][:2]),
        reason="oeps",
        arrangement=world.own,
        expected_version=1,
    )
    baseline = ArrangementRevision.objects.get(arrangement=world.own, version=1)
    world.own.refresh_from_db()
    with pytest.raises(PermissionDenied):
        arrangement_revert(
            arrangement=world.own,
            revision=baseline,
            by=world.users["gemeente"],
            reason="terug",
            expected_version=2,
        )
    revision = arrangement_revert(
        arrangement=world.own, revision=baseline, by=moderator, reason="terug", expected_version=2
    )
    assert revision.version == 3 and revision.reverted_to == baseline
    assert arrangement_state(arrangement_id=world.own.pk) == before
    assert Membership.objects.filter(arrangement=world.own).count() == 3


def test_confirm(world):
    confirmation = arrangement_confirm(arrangement=world.own, by=world.users["secretariaat"])
    assert confirmation.last_confirmed_by == world.users["secretariaat"]
    with pytest.raises(PermissionDenied):
        arrangement_confirm(arrangement=world.other, by=world.users["secretariaat"])


def test_a_failure_halfway_through_a_write_changes_nothing(world, monkeypatch):
    from collaborations.registration.services import write

    before = (Arrangement.objects.count(), Membership.objects.count())
    state = arrangement_state(arrangement_id=world.own.pk)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    # after the arrangement rows are written
    monkeypatch.setattr(write, "memberships_write", broken)
    with pytest.raises(RuntimeError):
        registration_submit(by=world.users["moderator"], state=new_state(world), reason="x")
    with pytest.raises(RuntimeError):
        registration_submit(
            by=world.users["moderator"],
            state=dict(state, name="Half"),
            reason="x",
            arrangement=world.own,
            expected_version=1,
        )
    assert (Arrangement.objects.count(), Membership.objects.count()) == before
    world.own.refresh_from_db()
    assert world.own.name == "Regio Aadorp-Beekstad" and world.own.version == 1
    assert not ArrangementRevision.objects.exists()


def test_municipal_editors_propose_changes_to_regions_of_divisions_and_ended_memberships(world):
    import datetime

    from collaborations import permissions
    from tests.factories import DivisionFactory, MembershipFactory

    editor = world.users["gemeente"]
    assert permissions.can_edit_arrangement(editor, world.own)
    world.own.division = DivisionFactory()
    world.own.save(update_fields=["division"])
    assert not permissions.can_edit_arrangement(editor, world.own)  # the moderators'
    assert permissions.can_suggest(editor, world.own)
    Membership.objects.filter(arrangement=world.other).delete()
    MembershipFactory(
        arrangement=world.other,
        municipality=world.municipalities[1],
        valid_to=datetime.date(2015, 1, 1),
    )
    assert not permissions.can_edit_arrangement(editor, world.other)  # Beekstad left in 2015
