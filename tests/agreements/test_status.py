"""The derived status, computed in SQL, on the edge dates."""

import datetime

import pytest

from agreements.models import Agreement, AgreementStatus
from tests.factories import AgreementFactory

TODAY = datetime.date(2026, 1, 15)
DAY = datetime.timedelta(days=1)


def status_in_sql(agreement, today=TODAY):
    return Agreement.objects.with_status(today).get(pk=agreement.pk).status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"signed_on": None}, AgreementStatus.DRAFT),
        ({"signed_on": TODAY + DAY}, AgreementStatus.DRAFT),
        ({"signed_on": TODAY}, AgreementStatus.IN_FORCE),
        ({"signed_on": TODAY - DAY, "entry_into_force_on": TODAY + DAY}, AgreementStatus.SIGNED),
        ({"signed_on": TODAY - DAY, "entry_into_force_on": TODAY}, AgreementStatus.IN_FORCE),
        ({"signed_on": TODAY - 10 * DAY, "expires_on": TODAY}, AgreementStatus.IN_FORCE),
        ({"signed_on": TODAY - 10 * DAY, "expires_on": TODAY - DAY}, AgreementStatus.EXPIRED),
        ({"signed_on": TODAY - 10 * DAY, "terminated_on": TODAY}, AgreementStatus.TERMINATED),
        ({"signed_on": TODAY - 10 * DAY, "terminated_on": TODAY + DAY}, AgreementStatus.IN_FORCE),
        (
            {"signed_on": TODAY - 10 * DAY, "expires_on": TODAY - 2 * DAY, "terminated_on": TODAY - DAY},
            AgreementStatus.TERMINATED,
        ),
    ],
)
def test_status_on_edge_dates(dates, expected):
    agreement = AgreementFactory(**dates)
    assert status_in_sql(agreement) == expected
    # The Python rule used for single instances agrees with the SQL one.
    assert agreement.compute_status(TODAY) == expected


@pytest.mark.django_db
def test_status_is_filterable_and_orderable():
    AgreementFactory(signed_on=None)
    in_force = AgreementFactory(signed_on=TODAY - DAY)
    rows = Agreement.objects.with_status(TODAY).filter(status=AgreementStatus.IN_FORCE)
    assert list(rows) == [in_force]
    ordered = list(Agreement.objects.with_status(TODAY).order_by("status").values_list("status", flat=True))
    assert ordered == sorted(ordered)
