"""Journeys through the home page and the site search in a real browser."""

import datetime
import os
import re
from decimal import Decimal

import pytest

from consortium.models import Indicator
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed_facts():
    """Records shaped like the seed texts, in Kyrgyz and Russian, with long Cyrillic names."""
    academy = factories.OrganizationFactory(
        name_ky="Кыргыз Республикасынын Улуттук илимдер академиясы",
        name_ru="Национальная академия наук Кыргызской Республики",
        name_en="National Academy of Sciences of the Kyrgyz Republic",
        country="KG",
    )
    university = factories.OrganizationFactory(
        name_ky="Жусуп Баласагын атындагы Кыргыз улуттук университети",
        name_ru="Кыргызский национальный университет имени Жусупа Баласагына",
        country="KG",
    )
    chinese = factories.OrganizationFactory(
        name_ru="Китайская академия наук", name_en="Chinese Academy of Sciences", country="CN"
    )
    agreement = factories.AgreementFactory(
        title_ky="Улуттук илимдер академиясы менен Кыргыз улуттук университетинин ортосундагы "
        "илимий кызматташтык жөнүндө келишим",
        title_ru="Соглашение о научном сотрудничестве между Национальной академией наук "
        "и Кыргызским национальным университетом",
        signed_on=datetime.date(2023, 7, 20),
    )
    factories.PartyFactory(agreement=agreement, organization=academy)
    factories.PartyFactory(agreement=agreement, organization=university)
    protocol = factories.AgreementFactory(
        kind="protocol",
        title_ru="Протокол второго заседания Кыргызско-Китайской комиссии "
        "по научно-техническому сотрудничеству",
        signed_on=datetime.date(2025, 7, 21),
    )
    factories.PartyFactory(agreement=protocol, organization=academy)
    factories.PartyFactory(agreement=protocol, organization=chinese)
    person = factories.PersonFactory(
        full_name_ky="Абдрахматов Канатбек Ердалиевич",
        full_name_ru="Абдрахматов Канатбек Ердалиевич",
        full_name_en="",
    )
    factories.SignatoryFactory(agreement=agreement, person=person, organization=academy)
    factories.IndicatorFactory(
        name_ky="Кытайдын университеттеринде окуган кыргызстандык студенттер",
        name_ru="Кыргызстанских студентов обучаются в вузах Китая",
        value=Decimal("4200"),
        qualifier=Indicator.Qualifier.MORE_THAN,
        as_of=datetime.date(2025, 7, 21),
        source_note_ru="Министерство науки, высшего образования и инноваций",
        is_headline=True,
        order=1,
    )
    factories.IndicatorFactory(
        name_ru="Граждан Китая обучаются в вузах Кыргызстана",
        value=Decimal("450"),
        qualifier=Indicator.Qualifier.ABOUT,
        is_headline=True,
        order=2,
    )
    for slug, name in [("plant-protection", "Өсүмдүктөрдү коргоо"), ("veterinary", "Ветеринардык медицина")]:
        factories.JointLabFactory().topics.add(factories.TopicFactory(slug=slug, name_ky=name))
    commission = factories.CommissionFactory(
        name_ru="Кыргызско-Китайская комиссия по научно-техническому сотрудничеству"
    )
    factories.MeetingFactory(commission=commission, number=2, held_on=datetime.date(2025, 7, 21))
    factories.MeetingFactory(commission=commission, number=3, held_on=None, planned_year=2027, country="CN")
    return person


def test_find_a_person_by_a_latin_spelling_through_the_search_box(live_server, page):
    person = seed_facts()
    page.goto(f"{live_server.url}/ky/")
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("Abdrakhmatov")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/ky/search/\?q=Abdrakhmatov"))

    people = page.locator("#results-people")
    result = people.get_by_role("link", name="Абдрахматов Канатбек Ердалиевич")
    assert result.is_visible()
    # The spelling matched is marked.
    assert people.locator("mark").first.inner_text() == "Абдрахматов"
    result.click()
    page.wait_for_url(f"**/ky/people/{person.pk}/")
    assert "Абдрахматов" in page.get_by_role("heading", level=1).inner_text()


def test_a_typo_in_the_search_page_box_still_finds_the_person(live_server, page):
    seed_facts()
    page.goto(f"{live_server.url}/ru/search/")
    page.get_by_label("Поиск соглашений, организаций").fill("Abdrakhmatow")
    page.get_by_label("Поиск соглашений, организаций").press("Enter")
    page.wait_for_url(re.compile(r"/ru/search/\?q=Abdrakhmatow"))
    assert (
        page.locator("#results-people")
        .get_by_role("link", name="Абдрахматов Канатбек Ердалиевич")
        .is_visible()
    )


def _horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_home_on_a_phone(live_server, page):
    seed_facts()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/ky/")
    assert _horizontal_overflow(page) <= 375
    figures = page.locator(".headline-number")
    assert figures.count() == 2
    for index in range(figures.count()):
        figure = figures.nth(index)
        assert figure.is_visible()
        box = figure.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert figures.first.inner_text() == "4\xa0200"
    # The charts shrink to the screen; their tables are there too.
    for chart in page.locator("svg.chart").all():
        box = chart.bounding_box()
        assert box["width"] <= 375
    assert page.locator("table.chart-table").count() == 3


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_home_and_search(live_server, page, screenshot_dir, language, width):
    seed_facts()
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in [("home", f"/{language}/"), ("search", f"/{language}/search/?q=Abdrakhmatov+академия")]:
        page.goto(f"{live_server.url}{path}")
        assert _horizontal_overflow(page) <= width, f"{name} overflows at {width}px"
        page.screenshot(path=os.path.join(screenshot_dir, f"{name}-{language}-{width}.png"), full_page=True)
        if width < 600:
            # A long phone page in screen-sized parts, readable at full size.
            height = page.evaluate("document.documentElement.scrollHeight")
            for part, top in enumerate(range(0, height, 900)):
                clip = {"x": 0, "y": top, "width": width, "height": min(900, height - top)}
                page.screenshot(
                    path=os.path.join(screenshot_dir, f"{name}-{language}-{width}-part{part}.png"),
                    full_page=True,
                    clip=clip,
                )
