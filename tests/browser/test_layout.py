"""The layout where a reader sees it: the main navigation at desktop widths and the list tables
on a phone (static/css/portal.css)."""

import datetime
import os

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed_agreements():
    academy = factories.OrganizationFactory(
        name_ky="Кыргыз Республикасынын Улуттук илимдер академиясы",
        name_ru="Национальная академия наук Кыргызской Республики",
        name_en="National Academy of Sciences of the Kyrgyz Republic",
    )
    chinese = factories.OrganizationFactory(
        name_ru="Китайская академия наук", name_en="Chinese Academy of Sciences", country="CN"
    )
    for number, signed_on in enumerate([datetime.date(2023, 7, 20), datetime.date(2025, 7, 21)]):
        agreement = factories.AgreementFactory(
            title_ky=f"Илимий кызматташтык жөнүндө {number + 1}-келишим",
            title_ru=f"Соглашение о научном сотрудничестве № {number + 1}",
            signed_on=signed_on,
        )
        factories.PartyFactory(agreement=agreement, organization=academy)
        factories.PartyFactory(agreement=agreement, organization=chinese)


def nav_lines(page):
    """The main navigation's links, grouped by the line they stand on."""
    tops = page.locator(".site-nav a").evaluate_all(
        "links => links.map(a => Math.round(a.getBoundingClientRect().top))"
    )
    lines = {}
    for top in tops:
        lines[top] = lines.get(top, 0) + 1
    return [lines[top] for top in sorted(lines)]


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_main_navigation_fits_one_line_at_1280(live_server, page, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/{language}/agreements/")
    assert nav_lines(page) == [9]


def test_a_narrower_screen_wraps_the_navigation_into_even_lines(live_server, page):
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(f"{live_server.url}/ky/agreements/")
    lines = nav_lines(page)
    assert sum(lines) == 9 and len(lines) == 2
    assert min(lines) >= 3, f"a line with {min(lines)} link(s) left alone: {lines}"


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_on_a_phone_each_row_is_a_card_with_every_column(live_server, page, screenshot_dir, language):
    seed_agreements()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/{language}/agreements/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    cells = page.locator("table.list-table tbody td")
    assert cells.count() == 2 * 4  # two rows, four columns besides the title
    for index in range(cells.count()):
        cell = cells.nth(index)
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 375
        # The column's name is shown above the value.
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == f'"{cell.get_attribute("data-label")}"'
    # The parties' names are all there, not scrolled out of sight.
    assert page.locator("table.list-table tbody td").filter(has_text="CN").count() == 2
    # The sortable headings stay, as a row of links above the cards.
    assert page.locator("table.list-table thead a.sort-link").first.is_visible()

    page.screenshot(path=os.path.join(screenshot_dir, f"agreements-{language}-375.png"), full_page=True)


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_at_1280_the_list_is_a_table(live_server, page, screenshot_dir, language):
    seed_agreements()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/agreements/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.locator("table.list-table thead th").first.is_visible()
    assert page.locator("table.list-table").evaluate("t => getComputedStyle(t).display") == "table"
    page.screenshot(path=os.path.join(screenshot_dir, f"agreements-{language}-1280.png"), full_page=True)
