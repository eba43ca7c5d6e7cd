"""A translated field inside the query (portal/translated.py): sorting a list by a name uses the
same ky → ru → en fallback as the page shows, so a row without a Kyrgyz name sorts by the
name it is shown with, not first as an empty string."""

import re

import pytest

from portal.translated import language_order
from tests import factories

pytestmark = pytest.mark.django_db


def shown_names(response) -> list[str]:
    rows = re.findall(
        r'<th scope="row" class="cell-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )
    return rows


def test_a_list_sorted_by_name_uses_the_name_shown(anonymous_client):
    factories.OrganizationFactory(name_ky="Бишкек университети", name_ru="Бишкекский университет")
    factories.OrganizationFactory(name_ky="", name_ru="Академия наук", name_en="Academy of Sciences")
    factories.OrganizationFactory(name_ky="", name_ru="", name_en="Westlake University")

    ascending = shown_names(anonymous_client.get("/ky/organizations/?ordering=name"))
    descending = shown_names(anonymous_client.get("/ky/organizations/?ordering=-name"))

    assert ascending == ["Westlake University", "Академия наук", "Бишкек университети"]
    assert descending == list(reversed(ascending))


@pytest.mark.parametrize(
    ("language", "order"),
    [("ky", ["ky", "ru", "en"]), ("ru", ["ru", "ky", "en"]), ("en-gb", ["en", "ky", "ru"])],
)
def test_language_order_puts_the_active_language_first(language, order):
    assert language_order(language) == order
