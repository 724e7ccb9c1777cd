"""The memberships in force (``MunicipalityMembership``, issue 15 part 1): the lineage rule
stored once per write, kept in step by the database in the writer's transaction, and the same
pairs as the rule worked out on every read (``represented_municipality_pairs_computed``).

The small world is the lineage history of test_lineage_and_footprints (A+B -> C in 2019, D split
into E and F in 2021, H absorbed by G on 2022-03-24)."""

import datetime

import pytest

from collaborations.arrangements.models import Membership, MunicipalityMembership
from collaborations.arrangements.selectors.represented import (
    represented_municipality_pairs,
    represented_municipality_pairs_computed,
)
from collaborations.arrangements.services.in_force import memberships_in_force_refresh
from collaborations.arrangements.services.memberships import (
    membership_add,
    membership_end,
    membership_remove,
)
from collaborations.core.selectors import data_version
from collaborations.geography.models import Municipality, MunicipalityLineage, Reorganisation
from collaborations.geography.services.lineage import lineage_rebuild
from tests.collaborations.test_lineage_and_footprints import history  # noqa: F401 - fixture
from tests.factories import ArrangementFactory, MembershipFactory

pytestmark = pytest.mark.django_db

#: Days around every step of the small world's history, and far before and after.
DAYS = [
    datetime.date(y, m, d)
    for y, m, d in (
        (2010, 1, 1),
        (2018, 12, 31),
        (2019, 1, 1),
        (2020, 6, 1),
        (2020, 12, 31),
        (2021, 1, 1),
        (2022, 3, 23),
        (2022, 3, 24),
        (2024, 1, 1),
        (2030, 1, 1),
    )
]


def _same_on_every_day(arrangement_ids=None) -> None:
    for day in DAYS:
        stored = set(represented_municipality_pairs(day=day, arrangement_ids=arrangement_ids))
        computed = set(
            represented_municipality_pairs_computed(day=day, arrangement_ids=arrangement_ids)
        )
        assert stored == computed, day


@pytest.fixture
def arrangements(history):  # noqa: F811 - the fixture imported above
    """Three arrangements over the history: old members, a member that ends, a split one."""
    first, second, third = ArrangementFactory(), ArrangementFactory(), ArrangementFactory()
    for key in "ABDH":
        MembershipFactory(arrangement=first, municipality=history[key])
    MembershipFactory(
        arrangement=second,
        municipality=history["G"],
        valid_from=datetime.date(2015, 1, 1),
        valid_to=datetime.date(2023, 1, 1),
    )
    MembershipFactory(arrangement=second, municipality=history["H"], role="centrumgemeente")
    MembershipFactory(
        arrangement=third, municipality=history["D"], valid_to=datetime.date(2022, 1, 1)
    )
    MembershipFactory(arrangement=third, municipality=history["E"])
    return first, second, third


def test_stored_pairs_equal_the_rule_on_every_day(arrangements):
    _same_on_every_day()
    first = arrangements[0]
    _same_on_every_day(arrangement_ids=[first.pk])


def test_rows_carry_the_member_role_share_and_days(arrangements, history):  # noqa: F811
    second = arrangements[1]
    row = MunicipalityMembership.objects.get(
        arrangement=second, member=history["H"], municipality=history["G"]
    )
    # H is represented by G from the absorption on; G's own membership ended in 2023
    assert (row.role, row.valid.lower, row.valid.upper) == (
        "centrumgemeente",
        datetime.date(2022, 3, 24),
        None,
    )
    split = MunicipalityMembership.objects.get(
        arrangement=arrangements[0], member=history["D"], municipality=history["F"]
    )
    assert str(split.share) == "0.400"


def test_services_keep_the_table_in_step_in_their_transaction(arrangements, history):  # noqa: F811
    first = arrangements[0]
    before = data_version()
    membership = membership_add(arrangement=first, member=history["G"])
    assert data_version() != before  # ETags and caches follow the write
    _same_on_every_day()
    membership_end(membership=membership, valid_to=datetime.date(2025, 1, 1))
    _same_on_every_day()
    membership_remove(membership=membership)
    assert not MunicipalityMembership.objects.filter(membership_id=membership.pk).exists()
    _same_on_every_day()


def test_raw_writes_to_memberships_are_followed_too(arrangements, history):  # noqa: F811
    """Bulk writes (imports, loaders, the admin) go through the same triggers."""
    first, second, _ = arrangements
    Membership.objects.filter(arrangement=first).update(valid_from=datetime.date(2020, 1, 1))
    _same_on_every_day()
    Membership.objects.filter(arrangement=second).update(arrangement=first)
    _same_on_every_day()
    Membership.objects.filter(arrangement=first, municipality=history["A"]).delete()
    _same_on_every_day()


def test_lineage_and_municipality_changes_are_followed(arrangements, history):  # noqa: F811
    # H is no longer absorbed by G: its members stay H's only, also after 2022
    Reorganisation.objects.filter(predecessor=history["H"]).delete()
    lineage_rebuild()
    _same_on_every_day()
    assert not MunicipalityLineage.objects.filter(ancestor=history["H"], since__isnull=False)
    # E is founded a year later than recorded
    Municipality.objects.filter(pk=history["E"].pk).update(valid_from=datetime.date(2022, 1, 1))
    _same_on_every_day()
    # a change of name alone leaves the table as it is
    rows = set(MunicipalityMembership.objects.values_list("pk", flat=True))
    Municipality.objects.filter(pk=history["G"].pk).update(name="Gee nieuw")
    assert set(MunicipalityMembership.objects.values_list("pk", flat=True)) == rows


def test_full_refresh_rewrites_the_same_rows(arrangements):
    def rows():
        return set(
            MunicipalityMembership.objects.values_list(
                "arrangement_id", "municipality_id", "member_id", "role", "valid"
            )
        )

    expected = rows()
    assert memberships_in_force_refresh() == len(expected)
    assert rows() == expected
    assert memberships_in_force_refresh(arrangement_ids=[arrangements[0].pk]) > 0
    assert rows() == expected
