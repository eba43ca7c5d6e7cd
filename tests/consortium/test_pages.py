"""The pages of the implementation layer: consortium, joint labs, programmes, indicators.

These rows are public, but the agreement each cites is named only to a viewer who may see it.
"""

import datetime
import json
import re
from decimal import Decimal

import pytest

from consortium.models import Indicator, Programme
from tests import factories
from tests.pages import html, queries_for, read_csv, read_xlsx, row_titles

pytestmark = pytest.mark.django_db

LANGUAGES = ("ky", "ru", "en")
LIST_PATHS = ("consortium", "labs", "programmes", "indicators")


def json_ld(response):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html(response), re.S)
    return json.loads(block.group(1))


@pytest.fixture
def record():
    """A consortium, a lab, a programme and an indicator, named in three languages."""
    academy = factories.OrganizationFactory(name_en="National Academy of Sciences")
    university = factories.OrganizationFactory(name_en="Kyrgyz National University")
    chinese = factories.OrganizationFactory(name_en="Chinese Academy of Sciences", country="CN")
    founding = factories.AgreementFactory(title_en="Agreement on scientific cooperation")
    consortium = factories.ConsortiumFactory(
        name_ky="Улуттук академиялык консорциум",
        name_ru="Национальный академический консорциум",
        name_en="National Academic Consortium",
        founding_agreement=founding,
    )
    factories.MembershipFactory(consortium=consortium, organization=academy, role="founder")
    factories.MembershipFactory(consortium=consortium, organization=university, role="founder")
    factories.WorkstreamFactory(consortium=consortium, title_en="Joint research programmes", lead=academy)
    meeting = factories.MeetingFactory(number=2)
    lab = factories.JointLabFactory(
        name_ky="Өсүмдүктөрдү коргоо лабораториясы",
        name_ru="Лаборатория защиты растений",
        name_en="Plant protection laboratory",
        host=academy,
        countries=["KG", "CN"],
        founding_agreement=founding,
        meeting=meeting,
    )
    lab.partners.add(chinese)
    programme = factories.ProgrammeFactory(
        title_ky="Жаш окумуштуулардын стажировкасы",
        title_ru="Стажировки молодых учёных",
        title_en="Internships for young scientists",
        kind=Programme.Kind.RESEARCH_COMPETITION,
        funding_cap=Decimal("1500000"),
        currency="CNY",
        places=10,
        agreement=founding,
        meeting=meeting,
        countries=["KG", "CN"],
    )
    indicator = factories.IndicatorFactory(
        name_ky="Кытайдагы кыргыз студенттери",
        name_ru="Кыргызские студенты в Китае",
        name_en="Kyrgyz students in China",
        value=Decimal("4200"),
        qualifier=Indicator.Qualifier.MORE_THAN,
        as_of=datetime.date(2025, 7, 1),
        source_note_en="Commission protocol",
        source_url="https://example.org/protocol",
        countries=["CN"],
    )
    return {
        "consortium": consortium,
        "lab": lab,
        "programme": programme,
        "indicator": indicator,
        "founding": founding,
        "academy": academy,
        "chinese": chinese,
        "meeting": meeting,
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_list_answers_in_each_language(anonymous_client, record, language, path):
    response = anonymous_client.get(f"/{language}/{path}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html(response)


@pytest.mark.parametrize(
    ("language", "consortium", "lab", "programme", "indicator"),
    [
        (
            "ky",
            "Улуттук академиялык консорциум",
            "Өсүмдүктөрдү коргоо лабораториясы",
            "Жаш окумуштуулардын стажировкасы",
            "Кытайдагы кыргыз студенттери",
        ),
        (
            "ru",
            "Национальный академический консорциум",
            "Лаборатория защиты растений",
            "Стажировки молодых учёных",
            "Кыргызские студенты в Китае",
        ),
        (
            "en",
            "National Academic Consortium",
            "Plant protection laboratory",
            "Internships for young scientists",
            "Kyrgyz students in China",
        ),
    ],
)
def test_pages_show_the_content_of_their_language(
    anonymous_client, record, language, consortium, lab, programme, indicator
):
    pages = {
        f"/{language}/consortium/": consortium,
        f"/{language}/consortium/{record['consortium'].pk}/": consortium,
        f"/{language}/labs/": lab,
        f"/{language}/labs/{record['lab'].pk}/": lab,
        f"/{language}/programmes/": programme,
        f"/{language}/programmes/{record['programme'].pk}/": programme,
        f"/{language}/indicators/": indicator,
        f"/{language}/indicators/{record['indicator'].pk}/": indicator,
        # The pages of the legal layer link back to what cites them.
        f"/{language}/agreements/{record['founding'].pk}/": lab,
        f"/{language}/organizations/{record['academy'].pk}/": consortium,
        f"/{language}/meetings/{record['meeting'].pk}/": programme,
    }
    for url, expected in pages.items():
        response = anonymous_client.get(url)
        assert response.status_code == 200, url
        assert expected in html(response), url


def test_consortium_page_shows_members_workstreams_and_founding_agreement(anonymous_client, record):
    page = html(anonymous_client.get(f"/en/consortium/{record['consortium'].pk}/"))
    assert record["academy"].get_absolute_url() in page and "Founding member" in page
    assert "Joint research programmes" in page
    assert record["founding"].get_absolute_url() in page
    assert (
        json_ld(anonymous_client.get(f"/en/consortium/{record['consortium'].pk}/"))["@type"] == "Organization"
    )


def test_lab_page_links_host_partners_agreement_and_meeting(anonymous_client, record):
    response = anonymous_client.get(f"/en/labs/{record['lab'].pk}/")
    page = html(response)
    for linked in (record["academy"], record["chinese"], record["founding"], record["meeting"]):
        assert linked.get_absolute_url() in page
    assert "China" in page
    data = json_ld(response)
    assert data["@type"] == "ResearchProject" and data["name"] == "Plant protection laboratory"


def test_programme_page_formats_money_for_the_language(anonymous_client, record):
    url = f"/programmes/{record['programme'].pk}/"
    assert "1,500,000 CNY" in html(anonymous_client.get(f"/en{url}"))
    assert "1\xa0500\xa0000 CNY" in html(anonymous_client.get(f"/ru{url}"))
    assert json_ld(anonymous_client.get(f"/en{url}"))["@type"] == "Project"


def test_indicator_shows_its_qualifier_date_and_source(anonymous_client, record):
    response = anonymous_client.get(f"/en/indicators/{record['indicator'].pk}/")
    page = html(response)
    assert "more than 4,200" in page
    assert "As of 1 July 2025" in page or "As of July 1, 2025" in page
    assert 'href="https://example.org/protocol"' in page and "Commission protocol" in page
    assert json_ld(response)["@type"] == "Observation"
    assert "4\xa0200" in html(anonymous_client.get(f"/ru/indicators/{record['indicator'].pk}/"))


# --- filters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/labs/?status=operating", {"Plant protection laboratory"}),
        ("/en/labs/?status=planned", set()),
        ("/en/labs/?country=CN", {"Plant protection laboratory"}),
        ("/en/labs/?country=RU", set()),
        ("/en/labs/?q=plant", {"Plant protection laboratory"}),
        ("/en/programmes/?kind=research_competition", {"Internships for young scientists"}),
        ("/en/programmes/?kind=exchange", set()),
        ("/en/programmes/?status=planned", {"Internships for young scientists"}),
        ("/en/indicators/?qualifier=more_than", {"Kyrgyz students in China"}),
        ("/en/indicators/?as_of_after=2026-01-01", set()),
        ("/en/indicators/?country=CN", {"Kyrgyz students in China"}),
        ("/en/indicators/?is_headline=true", set()),
        ("/en/indicators/?is_headline=false", {"Kyrgyz students in China"}),
        ("/en/consortium/?q=academic", {"National Academic Consortium"}),
    ],
)
def test_filters(anonymous_client, record, url, expected):
    response = anonymous_client.get(url)
    assert response.status_code == 200
    assert set(row_titles(response)) == expected


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/en/labs/?status=exploded", "status"),
        ("/en/labs/?country=XX", "country"),
        ("/en/labs/?topic=nope", "topic"),
        ("/en/labs/?organization=abc", "organization"),
        ("/en/programmes/?kind=party", "kind"),
        ("/en/programmes/?agreement=abc", "agreement"),
        ("/en/indicators/?as_of_after=2025-13-01", "as_of_after"),
        ("/en/indicators/?as_of_before=yesterday", "as_of_before"),
        ("/en/consortium/?organization=abc", "organization"),
    ],
)
def test_bad_filter_values_are_messages_at_their_field(anonymous_client, record, url, name):
    response = anonymous_client.get(url)
    assert response.status_code == 400
    page = html(response)
    assert f'id="id_{name}-error"' in page and f'href="#id_{name}"' in page


def test_a_filter_by_a_hidden_agreement_is_not_a_valid_choice(anonymous_client, record):
    secret = factories.AgreementFactory(visibility="confidential", title_en="Secret founding act")
    factories.JointLabFactory(founding_agreement=secret)
    for url in (f"/en/labs/?agreement={secret.pk}", f"/en/programmes/?agreement={secret.pk}"):
        response = anonymous_client.get(url)
        assert response.status_code == 400, url
        assert "Secret founding act" not in html(response)


# --- exports --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "make", "query"),
    [
        ("consortium", lambda: factories.ConsortiumFactory(), ""),
        ("labs", lambda: factories.JointLabFactory(countries=["CN"]), "country=CN"),
        ("programmes", lambda: factories.ProgrammeFactory(kind=Programme.Kind.EXCHANGE), "kind=exchange"),
        ("indicators", lambda: factories.IndicatorFactory(qualifier="about"), "qualifier=about"),
    ],
)
def test_exports_hold_exactly_the_filtered_rows(anonymous_client, path, make, query):
    wanted = {make().pk for _ in range(30)}
    # Rows the filter leaves out (the consortium list has no filter to leave them out by).
    if path == "labs":
        factories.JointLabFactory(countries=["RU"])
    if path == "programmes":
        factories.ProgrammeFactory(kind=Programme.Kind.TRAINING)
    if path == "indicators":
        factories.IndicatorFactory(qualifier="exact")
    csv_rows = read_csv(anonymous_client.get(f"/en/{path}/?{query}&export=csv"))
    assert csv_rows[0][0] == "ID"
    assert {int(row[0]) for row in csv_rows[1:]} == wanted and len(csv_rows) == 31
    xlsx_rows = read_xlsx(anonymous_client.get(f"/en/{path}/?{query}&page=2&export=xlsx"))
    assert {row[0] for row in xlsx_rows[1:]} == wanted and len(xlsx_rows) == 31


# --- N+1 guards -----------------------------------------------------------------------------


def consortium_with_relations():
    consortium = factories.ConsortiumFactory(founding_agreement=factories.AgreementFactory())
    factories.MembershipFactory(consortium=consortium)
    return consortium


def lab_with_relations():
    lab = factories.JointLabFactory(
        host=factories.OrganizationFactory(),
        founding_agreement=factories.AgreementFactory(),
        countries=["KG", "CN"],
    )
    lab.partners.add(factories.OrganizationFactory())
    lab.topics.add(factories.TopicFactory())
    return lab


def programme_with_relations():
    return factories.ProgrammeFactory(
        agreement=factories.AgreementFactory(), meeting=factories.MeetingFactory(), countries=["CN"]
    )


def indicator_with_relations():
    return factories.IndicatorFactory(organization=factories.OrganizationFactory(), countries=["CN"])


@pytest.mark.parametrize(
    ("path", "make", "expected"),
    [
        # 1 COUNT, 2 the page with the founding agreement joined, its visibility and the member
        # count computed in the same query.
        ("consortium", consortium_with_relations, 2),
        # 1 topics (the topic choices), 2 distinct country lists (the country choices), 3 COUNT,
        # 4 the page with host and founding agreement joined, 5 their topics, 6 their partners.
        ("labs", lab_with_relations, 6),
        # 1 distinct country lists (the country choices), 2 COUNT, 3 the page with agreement,
        # meeting and commission joined.
        ("programmes", programme_with_relations, 3),
        # 1 distinct country lists (the country choices), 2 COUNT, 3 the page with the
        # organisation joined.
        ("indicators", indicator_with_relations, 3),
    ],
)
def test_list_query_count_does_not_grow_with_rows(anonymous_client, path, make, expected):
    make()
    one = queries_for(anonymous_client, f"/en/{path}/")
    for _ in range(29):
        make()
    thirty = queries_for(anonymous_client, f"/en/{path}/")
    assert one == thirty == expected


# --- visibility of the agreements these rows cite -------------------------------------------


@pytest.fixture
def hidden_citations():
    secret = factories.AgreementFactory(visibility="confidential", title_en="Confidential founding act")
    internal = factories.AgreementFactory(visibility="internal", title_en="Internal programme basis")
    consortium = factories.ConsortiumFactory(name_en="Quiet consortium", founding_agreement=secret)
    lab = factories.JointLabFactory(name_en="Quiet laboratory", founding_agreement=secret)
    programme = factories.ProgrammeFactory(title_en="Quiet programme", agreement=internal)
    return {"consortium": consortium, "lab": lab, "programme": programme}


@pytest.mark.parametrize(
    ("role", "sees_internal", "sees_confidential"),
    [
        ("anonymous_client", False, False),
        ("staff_client", True, False),
        ("editor_client", True, True),
    ],
)
def test_cited_agreements_follow_their_visibility(
    request, hidden_citations, role, sees_internal, sees_confidential
):
    client = request.getfixturevalue(role)
    confidential_pages = [
        "/en/consortium/",
        f"/en/consortium/{hidden_citations['consortium'].pk}/",
        f"/en/labs/{hidden_citations['lab'].pk}/",
    ]
    for url in confidential_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert ("Confidential founding act" in html(response)) is sees_confidential, url
    for url in ("/en/programmes/", f"/en/programmes/{hidden_citations['programme'].pk}/"):
        assert ("Internal programme basis" in html(client.get(url))) is sees_internal, url
    exported = read_csv(client.get("/en/labs/?export=csv"))
    assert any("Confidential founding act" in row for row in exported) is sees_confidential
    exported = read_csv(client.get("/en/programmes/?export=csv"))
    assert any("Internal programme basis" in row for row in exported) is sees_internal
    agreement_page = html(client.get(f"/en/consortium/{hidden_citations['consortium'].pk}/"))
    assert "Quiet consortium" in agreement_page
