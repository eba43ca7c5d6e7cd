"""Pages after the first find their rows by key (portal.core.views.KeysFirstPaginator): the same
rows in the same order as a plain slice would give, in as many queries as the first page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.pages import row_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixty():
    # Pairs share a signing date, so the order within a date rests on the tie-break by id.
    return [
        factories.AgreementFactory(
            title_en=f"Agreement {59 - n:02}",
            signed_on=datetime.date(2000, 1, 1) + datetime.timedelta(n // 2),
        )
        for n in range(60)
    ] + [factories.AgreementFactory(title_en="Unsigned", signed_on=None)]


@pytest.mark.parametrize("ordering", ["", "title", "-title", "signed_on", "-signed_on"])
def test_every_page_holds_the_rows_of_its_slice(anonymous_client, sixty, ordering):
    shown = []
    for page in (1, 2, 3):
        response = anonymous_client.get("/en/agreements/", {"ordering": ordering, "page": page})
        assert response.status_code == 200
        shown += row_titles(response)
    assert len(shown) == len(set(shown)) == 61
    if ordering in ("title", "-title"):
        assert shown == sorted(shown, reverse=ordering == "-title")
    if ordering == "":
        # The default order: newest first, the unsigned last, ties by the newest id.
        expected = [a.title_en for a in sorted(sixty[:60], key=lambda a: (a.signed_on, a.pk), reverse=True)]
        assert shown == [*expected, "Unsigned"]


def all_titles(client, ordering):
    return [
        title
        for page in (1, 2, 3)
        for title in row_titles(client.get("/en/agreements/", {"ordering": ordering, "page": page}))
    ]


@pytest.mark.parametrize("key", ["signed_on", "title"])
def test_each_order_is_the_exact_reverse_of_the_other(anonymous_client, sixty, key):
    # Ties and unsigned rows included: so one index serves both, walked either way.
    ascending = all_titles(anonymous_client, key)
    assert all_titles(anonymous_client, f"-{key}") == ascending[::-1]
    if key == "signed_on":
        assert ascending[0] == "Unsigned"
        assert all_titles(anonymous_client, "") == ascending[::-1]  # the default: newest first


def test_a_deep_page_costs_the_queries_of_the_first(anonymous_client, sixty, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0  # the page's own queries, not the kept country choices'
    counts = []
    for page in (1, 3):
        with CaptureQueriesContext(connection) as captured:
            anonymous_client.get("/en/agreements/", {"page": page})
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
