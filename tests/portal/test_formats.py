"""Dates and numbers written as each language writes them (DESIGN.md section 7).

Kyrgyz: "2025-жылдын 21-июлу" (the year in the genitive, the month after a day in its
possessive form, lower case), from portal/formats/ky/formats.py and the month names in our
catalogue. Russian: the month after a day in the genitive, "21 июля 2025 г.". Both need the
compiled catalogues (`make messages`).
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import date_format, number_format

from tests import factories

KYRGYZ_MONTHS = ["январы", "февралы", "марты", "апрели", "майы", "июну"]
KYRGYZ_MONTHS += ["июлу", "августу", "сентябры", "октябры", "ноябры", "декабры"]
RUSSIAN_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня"]
RUSSIAN_MONTHS += ["июля", "августа", "сентября", "октября", "ноября", "декабря"]

pytestmark = pytest.mark.usefixtures("compiled")


@pytest.mark.parametrize(
    ("language", "day", "month", "moment"),
    [
        ("ky", "2025-жылдын 21-июлу", "2025-жылдын июль айы", "2025-жылдын 21-июлу, 14:30"),
        ("ru", "21 июля 2025 г.", "июль 2025 г.", "21 июля 2025 г. 14:30"),
        ("en", "July 21, 2025", "July 2025", "July 21, 2025, 2:30 p.m."),
    ],
)
def test_a_date_in_each_language(language, day, month, moment):
    with translation.override(language):
        assert date_format(datetime.date(2025, 7, 21), "DATE_FORMAT") == day
        assert date_format(datetime.date(2025, 7, 21), "YEAR_MONTH_FORMAT") == month
        assert date_format(datetime.datetime(2025, 7, 21, 14, 30), "DATETIME_FORMAT") == moment


@pytest.mark.parametrize(("language", "months"), [("ky", KYRGYZ_MONTHS), ("ru", RUSSIAN_MONTHS)])
def test_every_month_after_a_day(language, months):
    with translation.override(language):
        shown = [date_format(datetime.date(2024, number, 3), "DATE_FORMAT") for number in range(1, 13)]
    if language == "ky":
        assert shown == [f"2024-жылдын 3-{month}" for month in months]
    else:
        assert shown == [f"3 {month} 2024 г." for month in months]


@pytest.mark.parametrize(
    ("language", "shown"), [("ky", "4\xa0200,5"), ("ru", "4\xa0200,5"), ("en", "4,200.5")]
)
def test_a_number_in_each_language(language, shown):
    with translation.override(language):
        assert number_format(Decimal("4200.5"), decimal_pos=1, force_grouping=True) == shown


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "day", "month"),
    [("ky", "2023-жылдын 20-июлу", "2025-жылдын июль айы"), ("ru", "20 июля 2023 г.", "июль 2025 г.")],
)
def test_the_agreement_list_shows_dates_as_the_language_writes_them(anonymous_client, language, day, month):
    factories.AgreementFactory(signed_on=datetime.date(2023, 7, 20))
    factories.AgreementFactory(signed_on=datetime.date(2025, 7, 1), signed_on_precision="month")

    html = anonymous_client.get(f"/{language}/agreements/").content.decode()

    assert f">{day}</td>" in html
    assert f">{month}</td>" in html
    assert "Июль" not in html  # Django's own capitalised nominative, whatever the place
