"""Database constraints of the domain model."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.geography.models import Municipality, Reorganisation
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProvinceFactory,
    square,
)

pytestmark = pytest.mark.django_db


def _violates(constraint: str):
    return pytest.raises(IntegrityError, match=constraint)


def test_municipality_code_must_be_gm_and_four_digits():
    with _violates("municipality_code_format"), transaction.atomic():
        Municipality.objects.create(code="0363", name="Amsterdam")


def test_municipality_codes_are_unique():
    MunicipalityFactory(code="GM0363")
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(code="GM0363", name="Nog een Amsterdam")


def test_municipality_validity_must_be_a_range():
    with _violates("municipality_valid_range"), transaction.atomic():
        MunicipalityFactory(
            valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2019, 1, 1)
        )


def test_province_code_format():
    with _violates("province_code_format"), transaction.atomic():
        ProvinceFactory(code="NH")


def test_reorganisation_has_one_main_successor_and_is_not_to_itself():
    old, new, other = MunicipalityFactory.create_batch(3)
    Reorganisation.objects.create(
        date=datetime.date(2019, 1, 1), kind="opsplitsing", predecessor=old, successor=new
    )
    with _violates("reorganisation_one_main_successor"), transaction.atomic():
        Reorganisation.objects.create(
            date=datetime.date(2019, 1, 1), kind="opsplitsing", predecessor=old, successor=other
        )
    with _violates("reorganisation_not_self"), transaction.atomic():
        Reorganisation.objects.create(
            date=datetime.date(2019, 1, 1),
            kind="samenvoeging",
            predecessor=new,
            successor=new,
            is_main_successor=False,
        )


def test_membership_has_exactly_one_member():
    arrangement = ArrangementFactory()
    municipality = MunicipalityFactory()
    organisation = OrganisationFactory()
    with _violates("membership_exactly_one_member"), transaction.atomic():
        Membership.objects.create(arrangement=arrangement)
    with _violates("membership_exactly_one_member"), transaction.atomic():
        Membership.objects.create(
            arrangement=arrangement, municipality=municipality, organisation=organisation
        )


def test_membership_unique_per_member_and_start_even_without_start_date():
    membership = MembershipFactory(valid_from=None)
    with _violates("membership_unique_municipality"), transaction.atomic():
        Membership.objects.create(
            arrangement=membership.arrangement, municipality=membership.municipality
        )


def test_membership_validity_must_be_a_range():
    with _violates("membership_valid_range"), transaction.atomic():
        MembershipFactory(valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 1, 1))


def test_arrangement_legal_form_must_belong_to_its_family():
    ArrangementFactory(legal_form_family="wgr", legal_form="openbaar-lichaam")
    ArrangementFactory(legal_form_family="wgr", legal_form="")  # form unknown is allowed
    with _violates("arrangement_form_in_family"), transaction.atomic():
        ArrangementFactory(legal_form_family="netwerk", legal_form="stichting")


def test_arrangement_dates_codes_and_slug():
    with _violates("arrangement_valid_range"), transaction.atomic():
        ArrangementFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 1, 1))
    with _violates("arrangement_cbs_gr_code_format"), transaction.atomic():
        ArrangementFactory(cbs_gr_code="GR12")
    with _violates("arrangement_kvk_format"), transaction.atomic():
        ArrangementFactory(kvk_number="1234")
    ArrangementFactory(slug="dubbel")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArrangementFactory(slug="dubbel")


def test_region_names_unique_within_a_division(django_assert_num_queries):
    from tests.factories import DivisionFactory

    division = DivisionFactory()
    ArrangementFactory(division=division, name="Regio Noord")
    ArrangementFactory(name="Regio Noord")  # outside the division: fine
    with _violates("arrangement_unique_region_name"), transaction.atomic():
        ArrangementFactory(division=division, name="Regio Noord")


def test_is_current_and_member_label_run_no_query(django_assert_num_queries):
    municipality = MunicipalityFactory(geom=square(0, 0))
    membership = MembershipFactory(municipality=municipality)
    membership = Membership.objects.get(pk=membership.pk)
    with django_assert_num_queries(0):
        assert municipality.is_current
        assert membership.member_id_label == f"municipality:{municipality.pk}"
    assert Arrangement.objects.count() == 1
