"""`?ordering=title` in the API sorts by the title shown, the active language with its fallback,
as the HTML list does: one order for both, served by one index per language on that expression
(agreements.models, tests/scale/test_explain.py). Sorting by the active language's column alone
put every agreement without that translation first, as an empty string."""

import pytest

from tests import factories as f

URL = "/api/v1/agreements/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    f.AgreementFactory(
        title_ky="Бишкек келишими", title_ru="Бишкекское соглашение", title_en="Bishkek agreement"
    )
    f.AgreementFactory(title_ky="", title_ru="Алматинский меморандум", title_en="Almaty memorandum")
    f.AgreementFactory(title_ky="", title_ru="", title_en="Zurich protocol")


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        # Kyrgyz falls back to Russian, then English; Latin sorts before Cyrillic (C collation).
        ("ky", ["Zurich protocol", "Алматинский меморандум", "Бишкек келишими"]),
        ("ru", ["Zurich protocol", "Алматинский меморандум", "Бишкекское соглашение"]),
        # English has every title; its fallbacks are not needed here.
        ("en", ["Almaty memorandum", "Bishkek agreement", "Zurich protocol"]),
    ],
)
def test_api_sorts_titles_as_shown(api_anonymous, agreements, language, shown):
    ascending = api_anonymous.get(URL, {"ordering": "title", "lang": language}).json()["results"]
    descending = api_anonymous.get(URL, {"ordering": "-title", "lang": language}).json()["results"]
    assert [row["title"] for row in ascending] == shown
    assert [row["title"] for row in descending] == list(reversed(shown))


def test_equal_titles_keep_one_order_across_pages(api_anonymous):
    # The id breaks ties, so that a row cannot move between pages.
    ids = [f.AgreementFactory(title_ky="", title_ru="Протокол", title_en="Protocol").pk for _ in range(3)]
    pages = [
        api_anonymous.get(URL, {"ordering": "title", "lang": "ru", "limit": 1, "offset": n}).json()["results"]
        for n in range(3)
    ]
    assert [page[0]["id"] for page in pages] == ids
