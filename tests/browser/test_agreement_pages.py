"""Journeys through the agreement list and detail pages in a real browser."""

import csv
import datetime
import io
import re

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def agreement(title, country, signed_on, **kwargs):
    row = factories.AgreementFactory(title_en=title, title_ru=f"{title} (ru)", signed_on=signed_on, **kwargs)
    factories.PartyFactory(agreement=row, organization=factories.OrganizationFactory(country="KG"))
    factories.PartyFactory(agreement=row, organization=factories.OrganizationFactory(country=country))
    return row


def test_filter_agreements_by_partner_country_and_year_and_export(live_server, page):
    wanted = [
        agreement("Chinese memorandum of 2025", "CN", datetime.date(2025, 7, 21)),
        agreement("Chinese protocol of 2025", "CN", datetime.date(2025, 3, 1)),
    ]
    agreement("Chinese agreement of 2023", "CN", datetime.date(2023, 7, 20))
    agreement("Russian agreement of 2025", "RU", datetime.date(2025, 5, 5))
    agreement("Hidden Chinese protocol of 2025", "CN", datetime.date(2025, 6, 1), visibility="confidential")

    page.goto(f"{live_server.url}/en/agreements/")
    page.get_by_label("Partner country").select_option("CN")
    page.get_by_label("Year signed").fill("2025")
    page.get_by_role("button", name="Apply filter").click()
    page.wait_for_url(re.compile(r"country=CN"))
    assert "year=2025" in page.url

    rows = page.locator("table tbody tr th a")
    assert sorted(rows.all_inner_texts()) == sorted(row.title_en for row in wanted)

    # The export holds exactly the filtered rows, all of them, and nothing hidden.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as exported:
        records = list(csv.DictReader(io.StringIO(exported.read())))
    assert sorted(record["Title"] for record in records) == sorted(row.title_en for row in wanted)
    assert {record["ID"] for record in records} == {str(row.pk) for row in wanted}
    assert all("CN" in record["Countries"] for record in records)
    assert all(record["Signed on"].startswith("2025") for record in records)


def test_switch_language_on_a_detail_page(live_server, page):
    row = factories.AgreementFactory(
        title_ky="Илимий кызматташтык жөнүндө келишим",
        title_ru="Соглашение о научном сотрудничестве",
        title_en="Agreement on scientific cooperation",
        signed_on=datetime.date(2023, 7, 20),
    )
    page.goto(f"{live_server.url}/ky/agreements/{row.pk}/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Илимий кызматташтык жөнүндө келишим"
    assert page.locator("html").get_attribute("lang") == "ky"

    page.get_by_role("navigation", name=re.compile("Language|Тил|Язык")).get_by_role(
        "link", name="Русский"
    ).click()
    page.wait_for_url(f"**/ru/agreements/{row.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Соглашение о научном сотрудничестве"
    assert page.locator("html").get_attribute("lang") == "ru"

    page.get_by_role("navigation", name=re.compile("Language|Тил|Язык")).get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url(f"**/en/agreements/{row.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Agreement on scientific cooperation"
    # The date is written the English way now.
    assert "July 20, 2023" in page.locator("main").inner_text()
