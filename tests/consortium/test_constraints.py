"""The database itself refuses nonsense in the implementation layer (DESIGN.md principle 2).

Writes bypass forms and model validation; each refused write runs in its own savepoint, and the
error must name the constraint that kept the rule.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import DataError, transaction

from consortium.models import Indicator, JointLab, Membership, Programme, Workstream
from tests.constraints import refused_by
from tests.factories import (
    ConsortiumFactory,
    IndicatorFactory,
    JointLabFactory,
    MembershipFactory,
    OrganizationFactory,
    ProgrammeFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 9, 1)


def organization():
    # The country is left blank: it is not the subject here (see tests/agreements/test_constraints).
    return OrganizationFactory(country="")


# --- Programmes: money and periods ----------------------------------------------------------


def test_programme_funding_cap_cannot_be_negative():
    with refused_by("programme_funding_non_negative"):
        ProgrammeFactory(funding_cap=Decimal("-1"), currency="CNY")
    assert not Programme.objects.exists()


def test_programme_with_funding_in_an_iso_currency_is_accepted():
    programme = ProgrammeFactory(funding_cap=Decimal("1500000"), currency="CNY")
    programme.refresh_from_db()
    assert (programme.funding_cap, programme.currency) == (Decimal("1500000.00"), "CNY")


def test_programme_currency_must_be_an_upper_case_iso_4217_code():
    with refused_by("programme_currency_iso4217"):
        ProgrammeFactory(funding_cap=Decimal("1500000"), currency="cny")
    programme = ProgrammeFactory(funding_cap=Decimal("1500000"), currency="CNY")
    with refused_by("programme_currency_iso4217"):
        Programme.objects.filter(pk=programme.pk).update(currency="C1Y")
    programme.refresh_from_db()
    assert programme.currency == "CNY"


def test_programme_currency_as_a_word_does_not_fit():
    # "yuan" is four letters; the three-character column refuses it before any check runs.
    with pytest.raises(DataError), transaction.atomic():
        ProgrammeFactory(funding_cap=Decimal("1500000"), currency="yuan")
    assert not Programme.objects.exists()


def test_programme_funding_needs_a_currency():
    with refused_by("programme_funding_has_currency"):
        ProgrammeFactory(funding_cap=Decimal("1500000"), currency="")
    programme = ProgrammeFactory(funding_cap=Decimal("1500000"), currency="KGS")
    with refused_by("programme_funding_has_currency"):
        Programme.objects.filter(pk=programme.pk).update(currency="")
    # A programme with no money stated needs no currency.
    ProgrammeFactory(funding_cap=None, currency="")
    assert Programme.objects.count() == 2


def test_programme_period_cannot_end_before_it_starts():
    with refused_by("programme_period_in_order"):
        ProgrammeFactory(starts_on=START, ends_on=START - datetime.timedelta(days=1))
    one_day = ProgrammeFactory(starts_on=START, ends_on=START)
    open_ended = ProgrammeFactory(starts_on=START, ends_on=None)
    assert set(Programme.objects.values_list("pk", flat=True)) == {one_day.pk, open_ended.pk}


def test_programme_period_cannot_be_moved_out_of_order_by_update():
    programme = ProgrammeFactory(starts_on=START, ends_on=START + datetime.timedelta(days=730))
    with refused_by("programme_period_in_order"):
        Programme.objects.filter(pk=programme.pk).update(starts_on=START + datetime.timedelta(days=731))


def test_bulk_created_programmes_are_checked_too():
    rows = [
        Programme(kind="internship", title_en="Good"),
        Programme(kind="internship", title_en="Bad", funding_cap=Decimal("-5"), currency="CNY"),
    ]
    with refused_by("programme_funding_non_negative"):
        Programme.objects.bulk_create(rows)
    assert not Programme.objects.exists()


# --- Indicators -----------------------------------------------------------------------------


def test_indicator_value_cannot_be_negative():
    with refused_by("indicator_value_non_negative"):
        IndicatorFactory(value=Decimal("-1"))
    indicator = IndicatorFactory(value=0)
    assert Indicator.objects.get(pk=indicator.pk).value == 0


def test_indicator_qualifier_must_be_a_known_qualifier():
    # "over 4,200" is stored as 4200 with qualifier more_than, never as a free word.
    indicator = IndicatorFactory(value=4200, qualifier=Indicator.Qualifier.MORE_THAN)
    with refused_by("indicator_qualifier_valid"):
        Indicator.objects.filter(pk=indicator.pk).update(qualifier="over")
    indicator.refresh_from_db()
    assert indicator.qualifier == "more_than"


# --- Memberships ----------------------------------------------------------------------------


def test_an_organisation_is_a_member_of_a_consortium_once():
    membership = MembershipFactory(organization=organization())
    with refused_by("membership_unique"):
        Membership.objects.create(
            consortium=membership.consortium, organization=membership.organization, role="coordinator"
        )
    # It may belong to another consortium.
    MembershipFactory(organization=membership.organization, consortium=ConsortiumFactory())
    assert Membership.objects.filter(organization=membership.organization).count() == 2


def test_membership_role_must_be_a_known_role():
    membership = MembershipFactory(organization=organization())
    with refused_by("membership_role_valid"):
        Membership.objects.filter(pk=membership.pk).update(role="sponsor")


# --- Status and kind choices ----------------------------------------------------------------


def test_joint_lab_status_must_be_a_known_status():
    lab = JointLabFactory()
    with refused_by("jointlab_status_valid"):
        JointLab.objects.filter(pk=lab.pk).update(status="active")
    with refused_by("jointlab_status_valid"):
        JointLab.objects.filter(pk=lab.pk).update(status="")
    lab.refresh_from_db()
    assert lab.status == JointLab.Status.OPERATING


def test_programme_status_and_kind_must_be_known_choices():
    programme = ProgrammeFactory()
    with refused_by("programme_status_valid"):
        Programme.objects.filter(pk=programme.pk).update(status="running")
    with refused_by("programme_kind_valid"):
        Programme.objects.filter(pk=programme.pk).update(kind="grant")
    programme.refresh_from_db()
    assert (programme.status, programme.kind) == ("planned", "internship")


def test_workstream_status_must_be_a_known_status_or_blank():
    workstream = WorkstreamFactory(lead=organization())
    with refused_by("workstream_status_valid"):
        Workstream.objects.filter(pk=workstream.pk).update(status="done")
    # A workstream whose status nobody has stated yet is allowed.
    Workstream.objects.filter(pk=workstream.pk).update(status="")
    Workstream.objects.filter(pk=workstream.pk).update(status=Workstream.Status.ACTIVE)
    workstream.refresh_from_db()
    assert workstream.status == "active"
