"""Every list and search query over agreements uses an index at realistic scale (issue 6).

The data are generated once for this module (`generate_data`, 20,000 agreements with their
parties, signatories, topics and the rest: a national portal after a decade or two), vacuumed
and analysed, so the planner decides with true statistics, and emptied when the module is done.
Each request runs through the real view (test client); every query it sends that reads
agreements_agreement is EXPLAINed and its plan checked for a sequential scan of that table.

20,000 rather than the benchmark's 100,000 to keep `make test` fast (generating them takes about
15 s). The plans are the same or, at 20,000, less inclined to indexes: run against the
benchmark's 100,000 agreements, every case that passes here passes there too, and the signed
and in-force status filters use indexes there even for their counts.
"""

import io
import json
import re
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from agreements.filters import status_condition
from agreements.models import Agreement, AgreementStatus, Meeting, Organization, Party, Person, Signatory
from consortium.models import JointLab, Programme
from portal.core.visibility import Visibility
from tests import factories

# django_db so that the test database is set up; each test then runs in a savepoint inside the
# module's transaction, which holds the generated data.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

AGREEMENTS = 20_000
TABLE = "agreements_agreement"


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """20,000 generated agreements, committed and vacuumed for this module, emptied after it.

    Committed, not rolled back, because only a committed table can be vacuumed: VACUUM sets the
    visibility map that lets a count be an index-only scan, which is the state autovacuum keeps
    a live database in. Inside a test's transaction every count would read the table instead.
    """
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("generate_data", agreements=AGREEMENTS, seed=1, stdout=out)
        tables = [match[1] for match in re.finditer(r"^(\w+)\s+[\d,]+$", out.getvalue(), re.M)]
        tables = [table for table in tables if table != "rows"]
        assert TABLE in tables
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE " + ", ".join(tables))
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")


def plan_nodes(plan: dict):
    """Every node of a plan (JSON format)."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from plan_nodes(child)


def seq_scans(plan: dict, table: str = TABLE) -> list[dict]:
    """The sequential scans of `table` anywhere in a plan."""
    return [
        node
        for node in plan_nodes(plan)
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") == table
    ]


def explain(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]


def queries_of(client, url: str, table: str = TABLE, **extra) -> list[str]:
    """The SELECTs a request sends that read `table`."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
        assert response.status_code == 200, response.content[:500]
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT") and f'"{table}"' in query["sql"]
    ]


def agreement_queries(client, url: str, **extra) -> list[str]:
    return queries_of(client, url, TABLE, **extra)


def assert_index_only(queries: list[str], count_may_scan: bool = False, table: str = TABLE):
    assert queries, f"the request read no {table}"
    offending = []
    for sql in queries:
        if count_may_scan and sql.startswith("SELECT COUNT(*)"):
            continue
        scans = seq_scans(explain(sql), table)
        if scans:
            offending.append(f"{sql[:300]}…\n  → Seq Scan, filter: {scans[0].get('Filter', '')[:300]}")
    assert not offending, f"sequential scans of {table}:\n" + "\n\n".join(offending)


PAGES = [
    pytest.param("", id="plain"),
    pytest.param("?country=CN", id="country"),
    pytest.param("?year=2015", id="year"),
    pytest.param("?q=seismology", id="q"),
    # Page 200 of 100,000 agreements is 5 % into the list; so is page 40 of 20,000.
    pytest.param("?page=40", id="deep_page"),
    pytest.param("?status=draft", id="status_draft"),
    # Few rows have a termination or a future entry into force: partial indexes on those dates.
    pytest.param("?status=terminated", id="status_terminated"),
    pytest.param("?status=signed", id="status_signed"),
]
# Expired and in force are each about half of all agreements: the page walks the signing-date
# index and stops at 25 rows, but counting half of the table reads the table, which is the
# cheapest way to count it (an index holding every date column would be no smaller).
HALF_OF_ALL = [
    pytest.param("?status=expired", id="status_expired"),
    pytest.param("?status=in_force", id="status_in_force"),
]


@pytest.mark.parametrize("query", PAGES)
def test_agreement_list_pages_use_indexes(generated, query):
    assert_index_only(agreement_queries(Client(), "/en/agreements/" + query))


@pytest.mark.parametrize("ordering", ["title", "-title"])
@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_title_sort_walks_its_language_index(generated, language, ordering):
    # The title with its language fallback is a different expression in each language; each
    # has an index on exactly that expression (agreements.models), walked backwards for -title.
    # An expression that differed in the least (the order of the fallbacks, a cast) would be
    # sorted instead: 300 ms at 100,000 agreements, not 1 ms.
    queries = agreement_queries(Client(), f"/{language}/agreements/?ordering={ordering}")
    assert_index_only(queries)
    ordered = [sql for sql in queries if "ORDER BY COALESCE" in sql]
    assert ordered, queries
    for sql in ordered:
        plan = explain(sql)
        # Only a row's parties, a handful, may be sorted (by their "order"), never the rows.
        sorts = [node for node in plan_nodes(plan) if node["Node Type"] == "Sort"]
        assert all(any('"order"' in key for key in node["Sort Key"]) for node in sorts), sql[:300]
        assert f"agreement_title_{language}_sort" in {node.get("Index Name") for node in plan_nodes(plan)}


@pytest.mark.parametrize("query", HALF_OF_ALL)
def test_agreement_list_pages_of_half_the_rows_use_indexes_but_to_count(generated, query):
    assert_index_only(agreement_queries(Client(), "/en/agreements/" + query), count_may_scan=True)


@pytest.mark.parametrize(
    "query", ["", "country=CN", "year=2015", "q=seismology", "ordering=title", "ordering=-title"]
)
def test_api_lists_use_indexes(generated, query):
    assert_index_only(agreement_queries(APIClient(), "/api/v1/agreements/?limit=50&" + query))


def test_partner_list_uses_indexes(generated):
    # The partner whose organisation is a party to the most internal agreements.
    partner = (
        Party.objects.filter(agreement__visibility=Visibility.INTERNAL)
        .values("organization")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    client = APIClient()
    key = factories.api_key(organization_id=partner["organization"])
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    queries = agreement_queries(client, "/api/v1/agreements/?limit=50")
    # The partner's own internal agreements are asked for, through its parties.
    assert any('"agreements_party"' in sql for sql in queries)
    # A partner sees the public agreements (most of them) and its own: the (visibility, id)
    # index answers `public OR id IN (…)` alone, the count included.
    assert_index_only(queries)


def full_reads(plan: dict, table: str) -> list[dict]:
    """The nodes that read all of `table`: a sequential scan, or an index scanned without a condition."""
    return [
        node
        for node in plan_nodes(plan)
        if node.get("Relation Name") == table
        and (node["Node Type"] == "Seq Scan" or ("Index" in node["Node Type"] and "Index Cond" not in node))
    ]


@pytest.mark.parametrize(
    ("viewer", "url"),
    [
        ("anonymous", "/en/people/"),
        ("anonymous", "/en/people/?ordering=-full_name"),
        ("anonymous", "/api/v1/people/?limit=50"),
        ("staff", "/en/people/"),
        ("partner", "/api/v1/people/?limit=50"),
    ],
)
def test_people_lists_probe_signatures_per_person(generated, viewer, url):
    # A person is shown if they signed nothing or signed an agreement the viewer may see. Planned
    # as a hash of every visible signature, that test read all of them for each list and count
    # (90 ms at 100,000 agreements, anonymous); probed per person, it stops at the first one.
    client = APIClient()
    if viewer == "staff":
        client.force_login(factories.staff_viewer())
    if viewer == "partner":
        organization = Party.objects.filter(agreement__visibility=Visibility.INTERNAL).first().organization_id
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {factories.api_key(organization_id=organization)}")
    queries = queries_of(client, url, Person._meta.db_table)
    assert queries
    signatories = Signatory._meta.db_table
    offending = [sql[:300] for sql in queries if full_reads(explain(sql), signatories)]
    assert not offending, f"every signature read for: {offending}"


def test_site_search_uses_indexes(generated):
    assert_index_only(agreement_queries(Client(), "/en/search/?q=seismology"))


# The tables whose names the site search matches by trigram as well as by their stored vectors.
NAMED_TABLES = [
    Organization._meta.db_table,
    Person._meta.db_table,
    Meeting._meta.db_table,
    JointLab._meta.db_table,
    Programme._meta.db_table,
]


@pytest.mark.parametrize("table", NAMED_TABLES)
def test_site_search_for_a_name_uses_indexes(generated, table):
    # An OR of trigram matches and the stored vector: the indexes serve it only if every column
    # has one, and the planner takes them only if it knows what a trigram test costs
    # (agreements migration 0009). Without, it read organisations whole (150 ms at 100,000).
    person = Signatory.objects.select_related("person").order_by("pk").first().person
    queries = queries_of(Client(), "/ky/search/?" + urlencode({"q": person.full_name_ky}), table)
    assert_index_only(queries, table=table)


def test_the_data_are_there(generated):
    # Guards the checks above against passing on an empty table.
    assert Agreement.objects.count() == AGREEMENTS


@pytest.mark.parametrize("status", AgreementStatus.values)
def test_status_filter_is_the_status_expression(generated, status):
    # The filter's date conditions (agreements/filters.py) and the annotation select the same rows.
    by_annotation = set(Agreement.objects.with_status().filter(status=status).values_list("pk", flat=True))
    by_condition = set(Agreement.objects.filter(status_condition(status)).values_list("pk", flat=True))
    assert by_annotation == by_condition
    assert by_annotation or status == AgreementStatus.SIGNED
