"""The pages of the legal layer: agreements, organisations, people, commissions, meetings.

Each list is checked for its filters, bad filter values, pagination, exports and query count;
each detail page for its relations and its JSON-LD; and every page for what each role may see
(DESIGN.md section 6: a hidden record answers 404 and is absent from every list and export).
"""

import datetime
import hashlib
import io
import json
import re

import factory
import pghistory
import pytest
from django.core.files.base import ContentFile
from openpyxl import load_workbook

from agreements.models import Agreement, Document
from tests import factories
from tests.pages import html, queries_for, read_csv, read_xlsx, row_titles

pytestmark = pytest.mark.django_db

LANGUAGES = ("ky", "ru", "en")
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    class Params:
        content = PDF

    agreement = factory.SubFactory(factories.AgreementFactory)
    kind = Document.Kind.SIGNED_ORIGINAL
    language = Document.Language.RU
    original_name = 'Signed "scan"\r\n.pdf'
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.content))
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="upload.pdf"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def trilingual_agreement(**kwargs):
    return factories.AgreementFactory(
        title_ky="Кызматташтык жөнүндө келишим",
        title_ru="Соглашение о сотрудничестве",
        title_en="Cooperation agreement",
        **kwargs,
    )


# --- every page, in every language ----------------------------------------------------------


@pytest.fixture
def record():
    """One agreement with every relation its page shows, each name in three languages."""
    commission = factories.CommissionFactory(
        name_ky="Кыргыз-Кытай комиссиясы",
        name_ru="Кыргызско-китайская комиссия",
        name_en="Kyrgyz-Chinese Commission",
    )
    meeting = factories.MeetingFactory(
        commission=commission, number=2, place_ky="Чолпон-Ата", place_ru="Чолпон-Ата"
    )
    academy = factories.OrganizationFactory(
        name_ky="Улуттук илимдер академиясы",
        name_ru="Национальная академия наук",
        name_en="National Academy of Sciences",
    )
    partner = factories.OrganizationFactory(
        name_ky="Кытай илимдер академиясы",
        name_ru="Китайская академия наук",
        name_en="Chinese Academy of Sciences",
        country="CN",
    )
    person = factories.PersonFactory(
        full_name_ky="Канатбек Абдрахматов",
        full_name_ru="Канатбек Абдрахматов",
        full_name_en="Kanatbek Abdrakhmatov",
    )
    agreement = trilingual_agreement(
        kind=Agreement.Kind.MEMORANDUM,
        signed_on=datetime.date(2025, 7, 1),
        signed_on_precision="month",
        meeting=meeting,
        signed_place_en="Cholpon-Ata",
    )
    factories.PartyFactory(agreement=agreement, organization=academy, name_as_signed_en="NAS KR")
    factories.PartyFactory(agreement=agreement, organization=partner)
    factories.SignatoryFactory(
        agreement=agreement, person=person, organization=academy, position_en="President of the Academy"
    )
    factories.CommitmentFactory(
        agreement=agreement,
        text_en="Train ten young scientists",
        target_quantity=10,
        target_unit_en="people",
        due_on=datetime.date(2020, 1, 1),
    )
    DocumentFactory(agreement=agreement)
    child = factories.AgreementFactory(parent=agreement, title_en="Protocol under the memorandum")
    topic = factories.TopicFactory(
        slug="biomedicine", name_en="Biomedicine", name_ru="Биомедицина", name_ky="Биомедицина"
    )
    agreement.topics.add(topic)
    return {
        "agreement": agreement,
        "child": child,
        "academy": academy,
        "partner": partner,
        "person": person,
        "commission": commission,
        "meeting": meeting,
        "topic": topic,
    }


LIST_PATHS = ("agreements", "organizations", "people", "commissions", "meetings")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_list_answers_in_each_language(anonymous_client, record, language, path):
    response = anonymous_client.get(f"/{language}/{path}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html(response)


@pytest.mark.parametrize(
    ("language", "title", "organisation", "commission"),
    [
        ("ky", "Кызматташтык жөнүндө келишим", "Улуттук илимдер академиясы", "Кыргыз-Кытай комиссиясы"),
        ("ru", "Соглашение о сотрудничестве", "Национальная академия наук", "Кыргызско-китайская комиссия"),
        ("en", "Cooperation agreement", "National Academy of Sciences", "Kyrgyz-Chinese Commission"),
    ],
)
def test_pages_show_the_content_of_their_language(
    anonymous_client, record, language, title, organisation, commission
):
    pages = {
        f"/{language}/agreements/": title,
        f"/{language}/agreements/{record['agreement'].pk}/": title,
        f"/{language}/organizations/": organisation,
        f"/{language}/organizations/{record['academy'].pk}/": title,
        f"/{language}/people/{record['person'].pk}/": title,
        f"/{language}/commissions/": commission,
        f"/{language}/commissions/{record['commission'].pk}/": title,
        f"/{language}/meetings/": commission,
        f"/{language}/meetings/{record['meeting'].pk}/": title,
    }
    for url, expected in pages.items():
        response = anonymous_client.get(url)
        assert response.status_code == 200, url
        assert expected in html(response), url


def test_a_missing_translation_falls_back(anonymous_client):
    agreement = factories.AgreementFactory(title_ky="", title_ru="Только по-русски", title_en="")
    assert "Только по-русски" in html(anonymous_client.get(f"/ky/agreements/{agreement.pk}/"))
    assert "Только по-русски" in html(anonymous_client.get("/en/agreements/"))


def test_agreement_page_shows_every_relation(anonymous_client, record):
    agreement = record["agreement"]
    page = html(anonymous_client.get(f"/en/agreements/{agreement.pk}/"))
    assert "July 2025" in page  # precision "month": no made-up day
    assert "1 July 2025" not in page and "July 1, 2025" not in page
    assert "Memorandum" in page and "In force" in page and "Cholpon-Ata" in page
    # Parties: the name as signed and today's name, linked both ways.
    assert "NAS KR" in page
    assert record["academy"].get_absolute_url() in page and record["partner"].get_absolute_url() in page
    # The signatory with the position held, linked to the person and the organisation.
    assert record["person"].get_absolute_url() in page and "President of the Academy" in page
    # Documents with checksum, size and download link; commitments with progress and overdue flag.
    document = agreement.documents.get()
    assert document.sha256 in page and document.get_absolute_url() in page
    assert "Train ten young scientists" in page and "10 people" in page and "overdue" in page
    # The child instrument, the meeting, the topic.
    assert "Protocol under the memorandum" in page
    assert record["meeting"].get_absolute_url() in page
    assert "?topic=biomedicine" in page and "Biomedicine" in page


def test_precision_dates_in_each_language(anonymous_client):
    month = factories.AgreementFactory(signed_on=datetime.date(2025, 7, 1), signed_on_precision="month")
    year = factories.AgreementFactory(signed_on=datetime.date(2025, 1, 1), signed_on_precision="year")
    assert "July 2025" in html(anonymous_client.get(f"/en/agreements/{month.pk}/"))
    assert "июль 2025 г." in html(anonymous_client.get(f"/ru/agreements/{month.pk}/"))
    assert "2025-жылдын июль айы" in html(anonymous_client.get(f"/ky/agreements/{month.pk}/"))
    page = html(anonymous_client.get(f"/en/agreements/{year.pk}/"))
    assert "<dd>2025</dd>" in page and "January" not in page


def test_detail_pages_carry_json_ld(anonymous_client, record):
    expected_types = {
        f"/en/agreements/{record['agreement'].pk}/": "Legislation",
        f"/en/organizations/{record['academy'].pk}/": "Organization",
        f"/en/people/{record['person'].pk}/": "Person",
        f"/en/commissions/{record['commission'].pk}/": "GovernmentOrganization",
        f"/en/meetings/{record['meeting'].pk}/": "Event",
    }
    for url, schema_type in expected_types.items():
        page = html(anonymous_client.get(url))
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert block, url
        data = json.loads(block.group(1))
        assert data["@context"] == "https://schema.org" and data["@type"] == schema_type
    agreement_ld = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>',
            html(anonymous_client.get(f"/en/agreements/{record['agreement'].pk}/")),
            re.S,
        ).group(1)
    )
    assert agreement_ld["legislationDate"] == "2025-07"
    assert agreement_ld["name"] == "Cooperation agreement"


def test_json_ld_cannot_close_its_script_element(anonymous_client):
    agreement = factories.AgreementFactory(title_en="</script><script>alert(1)</script>")
    page = html(anonymous_client.get(f"/en/agreements/{agreement.pk}/"))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_organisation_page_links_history_and_people(anonymous_client, record):
    old = factories.OrganizationFactory(
        name_en="Ministry of Education and Science", successor=record["academy"]
    )
    child = factories.OrganizationFactory(name_en="Institute of Geology", parent=record["academy"])
    page = html(anonymous_client.get(f"/en/organizations/{record['academy'].pk}/"))
    assert old.get_absolute_url() in page and child.get_absolute_url() in page
    assert record["person"].get_absolute_url() in page and "President of the Academy" in page
    assert f"/en/agreements/?organization={record['academy'].pk}" in page
    successor_note = html(anonymous_client.get(f"/en/organizations/{old.pk}/"))
    assert record["academy"].get_absolute_url() in successor_note


def test_commission_page_is_a_timeline_of_held_and_planned_meetings(anonymous_client, record):
    planned = factories.MeetingFactory(
        commission=record["commission"], number=3, held_on=None, planned_year=2027
    )
    page = html(anonymous_client.get(f"/en/commissions/{record['commission'].pk}/"))
    assert page.index("Meeting 2") < page.index("Meeting 3")
    assert "planned" in page and "2027" in page and planned.get_absolute_url() in page
    assert record["agreement"].get_absolute_url() in page


def test_language_switcher_keeps_the_page_and_its_filter(anonymous_client, record):
    page = html(anonymous_client.get("/en/agreements/?country=CN&amp;year=2025".replace("&amp;", "&")))
    assert 'href="/ky/agreements/?country=CN&amp;year=2025"' in page
    assert 'href="/ru/agreements/?country=CN&amp;year=2025"' in page
    assert (
        '<link rel="alternate" hreflang="ru" href="http://testserver/ru/agreements/?country=CN&amp;year=2025">'
        in page
    )
    detail = html(anonymous_client.get(f"/ru/agreements/{record['agreement'].pk}/"))
    assert f'href="/ky/agreements/{record["agreement"].pk}/" hreflang="ky"' in detail


def test_pages_have_landmarks_breadcrumbs_and_no_inline_style_or_script(anonymous_client, record):
    for url in (f"/en/agreements/{record['agreement'].pk}/", "/en/agreements/?year=abc"):
        page = html(anonymous_client.get(url))
        assert '<a class="skip-link" href="#main">' in page
        assert "<main" in page and "<header" in page and "<footer" in page
        assert 'aria-label="Breadcrumbs"' in page
        assert "style=" not in page
        assert re.search(r"<script(?![^>]*(src=|application/ld\+json))", page) is None


# --- filters --------------------------------------------------------------------------------


@pytest.fixture
def spread():
    """Agreements that differ in one property each, to check each filter alone."""
    china = factories.OrganizationFactory(country="CN")
    russia = factories.OrganizationFactory(country="RU")
    health = factories.TopicFactory(slug="health")
    rows = {
        "china_2023": factories.AgreementFactory(
            title_en="Silk road science", signed_on=datetime.date(2023, 5, 1)
        ),
        "russia_2024": factories.AgreementFactory(
            title_en="Arctic geology", signed_on=datetime.date(2024, 5, 1), kind=Agreement.Kind.MEMORANDUM
        ),
        "draft": factories.AgreementFactory(
            title_en="Unsigned roadmap", signed_on=None, kind=Agreement.Kind.ROADMAP
        ),
    }
    factories.PartyFactory(agreement=rows["china_2023"], organization=china)
    factories.PartyFactory(agreement=rows["russia_2024"], organization=russia)
    rows["russia_2024"].topics.add(health)
    return rows


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", {"Silk road science"}),
        ("year=2024", {"Arctic geology"}),
        ("kind=roadmap", {"Unsigned roadmap"}),
        ("status=draft", {"Unsigned roadmap"}),
        ("status=in_force", {"Silk road science", "Arctic geology"}),
        ("topic=health", {"Arctic geology"}),
        ("q=geology", {"Arctic geology"}),
        ("signed_after=2024-01-01", {"Arctic geology"}),
        ("signed_before=2023-12-31", {"Silk road science"}),
        ("country=CN&year=2024", set()),
    ],
)
def test_agreement_filters(anonymous_client, spread, query, expected):
    response = anonymous_client.get(f"/en/agreements/?{query}")
    assert response.status_code == 200
    assert set(row_titles(response)) == expected


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("year=abc", "Year signed"),
        ("year=99999", "Year signed"),
        ("signed_after=2023-02-30", "Signed on or after"),
        ("country=XX", "Partner country"),
        ("kind=treaty", "Kind"),
        ("topic=no-such-topic", "Topic"),
        ("organization=abc", "Organisation"),
        ("ordering=password", "Sort by"),
    ],
)
def test_a_bad_filter_value_is_a_message_at_its_field(anonymous_client, spread, query, label):
    response = anonymous_client.get(f"/en/agreements/?{query}")
    assert response.status_code == 400
    page = html(response)
    assert "The filter could not be applied" in page
    assert f"{label}:" in page  # the error summary names the field
    name = query.split("=")[0]
    assert f'href="#id_{name}"' in page and f'id="id_{name}"' in page
    assert f'id="id_{name}-error"' in page
    assert row_titles(response) == []


PARTY_ITEM = re.compile(
    r'<li><a href="([^"]+)">([^<]+)</a>'
    r'(?: <abbr class="country-code" title="([^"]+)">(\w+)</abbr>)?</li>'
)


def test_an_agreement_row_lists_its_parties_in_order_linked_with_their_countries(anonymous_client):
    agreement = factories.AgreementFactory(title_en="Two parties")
    academy = factories.OrganizationFactory(name_en="Academy", name_ky="Академия", country="KG")
    # No name in any language: the row shows the short name, as the organisation's page does.
    institute = factories.OrganizationFactory(
        name_en="", name_ru="", name_ky="", short_name_en="CAS", country="CN"
    )
    factories.PartyFactory(agreement=agreement, organization=institute, order=2)
    factories.PartyFactory(agreement=agreement, organization=academy, order=1)
    expected = {
        "en": [("Academy", "Kyrgyzstan", "KG"), ("CAS", "China", "CN")],
        "ky": [("Академия", "Кыргызстан", "KG"), ("CAS", "Кытай", "CN")],
    }
    for language, rows in expected.items():
        body = (
            html(anonymous_client.get(f"/{language}/agreements/")).split("<tbody>", 1)[1].split("</tbody>")[0]
        )
        links = [f"/{language}/organizations/{academy.pk}/", f"/{language}/organizations/{institute.pk}/"]
        assert PARTY_ITEM.findall(body) == [(link, *row) for link, row in zip(links, rows, strict=True)]


def test_a_party_without_a_name_or_country_and_one_with_markup_in_its_name(anonymous_client):
    agreement = factories.AgreementFactory()
    nameless = factories.OrganizationFactory(name_en="", name_ru="", name_ky="", country="")
    marked = factories.OrganizationFactory(name_en='R&D <Lab> "One"', name_ru="", name_ky="", country="KG")
    factories.PartyFactory(agreement=agreement, organization=nameless, order=1)
    factories.PartyFactory(agreement=agreement, organization=marked, order=2)
    body = html(anonymous_client.get("/en/agreements/")).split("<tbody>", 1)[1].split("</tbody>")[0]
    assert PARTY_ITEM.findall(body) == [
        # As str(organisation) and its page say: "#id". No country, no code.
        (f"/en/organizations/{nameless.pk}/", f"#{nameless.pk}", "", ""),
        # Escaped like any text on the page.
        (f"/en/organizations/{marked.pk}/", "R&amp;D &lt;Lab&gt; &quot;One&quot;", "Kyrgyzstan", "KG"),
    ]
    assert "<Lab>" not in body


def test_bad_filters_on_the_other_lists_are_messages_too(anonymous_client):
    for url in (
        "/en/organizations/?country=XX",
        "/en/organizations/?kind=castle",
        "/en/people/?organization=abc",
        "/en/commissions/?country=XX",
        "/en/meetings/?year=abc",
        "/en/meetings/?state=maybe",
        "/en/meetings/?commission=abc",
    ):
        response = anonymous_client.get(url)
        assert response.status_code == 400, url
        assert "field-error" in html(response), url


def test_filter_by_a_hidden_parent_is_not_a_valid_choice(anonymous_client):
    secret = factories.AgreementFactory(visibility="confidential", title_en="Secret parent")
    factories.AgreementFactory(parent=secret, title_en="Public child")
    response = anonymous_client.get(f"/en/agreements/?parent={secret.pk}")
    assert response.status_code == 400
    assert "Secret parent" not in html(response)


def test_a_filter_set_from_another_page_is_shown_and_removable(anonymous_client, record):
    academy = record["academy"]
    response = anonymous_client.get(f"/en/agreements/?organization={academy.pk}&kind=memorandum")
    page = html(response)
    assert "National Academy of Sciences" in page
    assert 'href="/en/agreements/?kind=memorandum"' in page  # "remove" keeps the other filter
    assert f'<input type="hidden" name="organization" value="{academy.pk}">' in page


def test_pagination_and_sorting_keep_the_filter(anonymous_client):
    for number in range(30):
        factories.AgreementFactory(title_en=f"Memo {number:02}", kind=Agreement.Kind.MEMORANDUM)
    factories.AgreementFactory(title_en="Some contract", kind=Agreement.Kind.CONTRACT)
    first = anonymous_client.get("/en/agreements/?kind=memorandum&ordering=title")
    assert len(row_titles(first)) == 25 and row_titles(first)[0] == "Memo 00"
    page = html(first)
    assert "30 results" in page
    assert 'href="?kind=memorandum&amp;ordering=title&amp;page=2"' in page
    assert 'href="/en/agreements/?kind=memorandum&amp;ordering=-title"' in page  # sort toggles, filter kept
    assert 'aria-sort="ascending"' in page
    second = anonymous_client.get("/en/agreements/?kind=memorandum&ordering=title&page=2")
    assert row_titles(second) == [f"Memo {n}" for n in range(25, 30)]
    descending = anonymous_client.get("/en/agreements/?kind=memorandum&ordering=-title")
    assert row_titles(descending)[0] == "Memo 29"


@pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "99999999999999999999"])
def test_a_page_out_of_range_is_a_404(anonymous_client, page):
    factories.AgreementFactory()
    assert anonymous_client.get(f"/en/agreements/?page={page}").status_code == 404


# --- exports --------------------------------------------------------------------------------


@pytest.fixture
def thirty_chinese():
    """30 agreements with a Chinese party (more than one page of 25) and 5 others."""
    china = factories.OrganizationFactory(country="CN", name_en="Chinese Academy of Sciences")
    wanted = []
    for number in range(30):
        agreement = factories.AgreementFactory(title_en=f"Chinese {number:02}")
        factories.PartyFactory(agreement=agreement, organization=china)
        wanted.append(agreement)
    for number in range(5):
        factories.AgreementFactory(title_en=f"Other {number}")
    return wanted


def test_csv_export_holds_exactly_the_filtered_rows(anonymous_client, thirty_chinese):
    response = anonymous_client.get("/en/agreements/?country=CN&page=2&export=csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["ID", "Title", "Kind"]
    assert sorted(int(row[0]) for row in body) == sorted(a.pk for a in thirty_chinese)
    assert {row[1] for row in body} == {f"Chinese {n:02}" for n in range(30)}
    countries = header.index("Countries")
    assert {row[countries] for row in body} == {"CN"}


def test_xlsx_export_holds_exactly_the_filtered_rows(anonymous_client, thirty_chinese):
    response = anonymous_client.get("/en/agreements/?country=CN&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = read_xlsx(response)
    assert rows[0][:2] == ["ID", "Title"]
    assert sorted(row[0] for row in rows[1:]) == sorted(a.pk for a in thirty_chinese)


def test_export_headers_are_in_the_page_language(anonymous_client, thirty_chinese):
    rows = read_csv(anonymous_client.get("/ru/agreements/?country=CN&export=csv"))
    assert len(rows) == 31
    rows = read_xlsx(anonymous_client.get("/ky/agreements/?country=CN&export=xlsx"))
    assert len(rows) == 31


def test_export_neutralises_spreadsheet_formulas(anonymous_client):
    factories.AgreementFactory(title_en='=HYPERLINK("http://evil.example","x")')
    rows = read_csv(anonymous_client.get("/en/agreements/?export=csv"))
    assert rows[1][1].startswith("'=")
    response = anonymous_client.get("/en/agreements/?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook.active["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_export_of_a_bad_filter_is_the_page_with_the_message(anonymous_client, thirty_chinese):
    response = anonymous_client.get("/en/agreements/?year=abc&export=csv")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("path", "make", "query", "expected_count"),
    [
        (
            "organizations",
            lambda n: factories.OrganizationFactory(country="CN" if n < 30 else "RU"),
            "country=CN",
            30,
        ),
        ("people", lambda n: factories.PersonFactory(), "", 30),
        ("commissions", lambda n: factories.CommissionFactory(countries=["KG", "CN"]), "country=CN", 30),
        ("meetings", lambda n: factories.MeetingFactory(), "state=held", 30),
    ],
)
def test_every_list_exports(anonymous_client, path, make, query, expected_count):
    for number in range(expected_count + (2 if path == "organizations" else 0)):
        make(number)
    csv_rows = read_csv(anonymous_client.get(f"/en/{path}/?{query}&export=csv"))
    assert len(csv_rows) == expected_count + 1
    xlsx_rows = read_xlsx(anonymous_client.get(f"/en/{path}/?{query}&export=xlsx"))
    assert len(xlsx_rows) == expected_count + 1


# --- N+1 guards: the same number of queries for 1 row and for 30 ----------------------------


def agreement_with_relations():
    agreement = factories.AgreementFactory(
        meeting=factories.MeetingFactory(), signed_on=datetime.date(2024, 1, 1)
    )
    factories.PartyFactory(agreement=agreement)
    factories.PartyFactory(agreement=agreement, organization=factories.OrganizationFactory(country="CN"))
    agreement.topics.add(factories.TopicFactory())
    return agreement


def organisation_with_relations():
    return factories.OrganizationFactory(
        parent=factories.OrganizationFactory(), successor=factories.OrganizationFactory()
    )


def person_with_signatures():
    person = factories.PersonFactory()
    factories.SignatoryFactory(person=person)
    return person


def commission_with_meetings():
    commission = factories.CommissionFactory()
    factories.MeetingFactory(commission=commission)
    factories.MeetingFactory(commission=commission, held_on=None, planned_year=2027)
    return commission


@pytest.mark.parametrize(
    ("path", "make", "expected"),
    [
        # 1 distinct countries of party organisations (the country choices, else kept per
        # scope), 2 topics (the topic choices), 3 COUNT of the filtered rows, 4 the page of
        # agreements, each with its parties' organisations as an array.
        ("agreements", agreement_with_relations, 4),
        # 1 distinct countries (the country choices), 2 COUNT, 3 the page with parent and
        # successor joined.
        ("organizations", organisation_with_relations, 3),
        # 1 COUNT, 2 the page with each person's count of visible signatures as a subquery.
        ("people", person_with_signatures, 2),
        # 1 distinct country lists (the country choices), 2 COUNT, 3 the page, 4 their meetings.
        ("commissions", commission_with_meetings, 4),
        # 1 commissions (the commission choices), 2 distinct countries (the country choices),
        # 3 COUNT, 4 the page with the commission joined.
        ("meetings", lambda: factories.MeetingFactory(country="CN"), 4),
    ],
)
def test_list_query_count_does_not_grow_with_rows(anonymous_client, settings, path, make, expected):
    # The page's own queries: values kept per scope (the country choices) would add the cache's.
    settings.DASHBOARD_CACHE_SECONDS = 0
    make()
    one = queries_for(anonymous_client, f"/en/{path}/")
    for _ in range(29):
        make()
    thirty = queries_for(anonymous_client, f"/en/{path}/")
    assert one == thirty == expected


def test_agreement_list_query_count_for_a_logged_in_viewer(staff_client, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0  # the page's own queries, as above
    agreement_with_relations()
    one = queries_for(staff_client, "/en/agreements/")
    for _ in range(29):
        agreement_with_relations()
    # Plus 1 session, 2 user, 3 user permissions, 4 group permissions (asked once per request).
    assert queries_for(staff_client, "/en/agreements/") == one == 8


# --- visibility -----------------------------------------------------------------------------


@pytest.fixture
def levels():
    """A public, an internal and a confidential agreement, with the same organisation and signer."""
    organisation = factories.OrganizationFactory(name_en="Shared University", country="CN")
    person = factories.PersonFactory(full_name_en="Shared Signer")
    rows = {}
    for level in ("public", "internal", "confidential"):
        agreement = factories.AgreementFactory(visibility=level, title_en=f"The {level} agreement")
        factories.PartyFactory(agreement=agreement, organization=organisation)
        factories.SignatoryFactory(agreement=agreement, person=person, organization=organisation)
        DocumentFactory(agreement=agreement)
        rows[level] = agreement
    return {"agreements": rows, "organisation": organisation, "person": person}


ROLE_SEES = {
    "anonymous_client": {"public"},
    "staff_client": {"public", "internal"},
    "editor_client": {"public", "internal", "confidential"},
}


@pytest.mark.parametrize("role", ROLE_SEES)
def test_each_role_sees_what_section_6_allows(request, levels, role):
    client = request.getfixturevalue(role)
    allowed = ROLE_SEES[role]
    agreements = levels["agreements"]
    organisation_page = html(client.get(f"/en/organizations/{levels['organisation'].pk}/"))
    person_page = html(client.get(f"/en/people/{levels['person'].pk}/"))
    list_page = html(client.get("/en/agreements/"))
    exported = {row[1] for row in read_csv(client.get("/en/agreements/?export=csv"))[1:]}
    exported_xlsx = {row[1] for row in read_xlsx(client.get("/en/agreements/?country=CN&export=xlsx"))[1:]}
    for level, agreement in agreements.items():
        visible = level in allowed
        title = f"The {level} agreement"
        detail = client.get(f"/en/agreements/{agreement.pk}/")
        assert detail.status_code == (200 if visible else 404), level
        assert (title in list_page) is visible, level
        assert (title in exported) is visible, level
        assert (title in exported_xlsx) is visible, level
        assert (title in organisation_page) is visible, level
        assert (title in person_page) is visible, level
        document = agreement.documents.get()
        download = client.get(f"/en/documents/{document.pk}/download/")
        assert download.status_code == (200 if visible else 404), level
        if visible:
            assert download["Content-Type"] == "application/pdf"
            assert download["X-Content-Type-Options"] == "nosniff"
            assert download["Content-Disposition"].startswith("attachment;")
            assert "\r" not in download["Content-Disposition"] and "\n" not in download["Content-Disposition"]
            assert b"".join(download.streaming_content) == PDF
    people = html(client.get("/en/people/"))
    assert f'class="num">{len(allowed)}</td>' in people  # the signature count is visibility-aware


def test_the_hidden_parent_of_a_public_child_is_not_named(anonymous_client, staff_client):
    secret = factories.AgreementFactory(visibility="confidential", title_en="Secret umbrella")
    child = factories.AgreementFactory(parent=secret, title_en="Open protocol")
    hidden_child = factories.AgreementFactory(parent=child, visibility="internal", title_en="Internal annex")
    page = html(anonymous_client.get(f"/en/agreements/{child.pk}/"))
    assert "Secret umbrella" not in page and str(secret.pk) not in re.findall(r"/agreements/(\d+)/", page)
    assert "Internal annex" not in page
    assert "Internal annex" in html(staff_client.get(f"/en/agreements/{child.pk}/"))
    assert hidden_child.pk


def test_visibility_filter_is_offered_to_staff_only(anonymous_client, staff_client):
    factories.AgreementFactory()
    assert 'name="visibility"' not in html(anonymous_client.get("/en/agreements/"))
    assert 'name="visibility"' in html(staff_client.get("/en/agreements/"))
    assert "The internal" not in html(anonymous_client.get("/en/agreements/?visibility=internal"))


def test_meeting_and_commission_pages_hide_invisible_agreements(anonymous_client, record):
    factories.AgreementFactory(meeting=record["meeting"], visibility="internal", title_en="Closed protocol")
    for url in (f"/en/meetings/{record['meeting'].pk}/", f"/en/commissions/{record['commission'].pk}/"):
        page = html(anonymous_client.get(url))
        assert "Closed protocol" not in page and "Cooperation agreement" in page


def test_download_of_a_missing_document_is_a_404(anonymous_client):
    assert anonymous_client.get("/en/documents/999999/download/").status_code == 404


def test_download_name_is_sanitised(anonymous_client):
    document = DocumentFactory(original_name='../../etc/passwd".pdf')
    response = anonymous_client.get(f"/en/documents/{document.pk}/download/")
    disposition = response["Content-Disposition"]
    assert "/" not in disposition.split("filename", 1)[1] and disposition.endswith('.pdf"')


# --- change history (staff only) ------------------------------------------------------------


def test_staff_see_the_change_history_and_the_public_does_not(anonymous_client, staff_client, editor_user):
    agreement = factories.AgreementFactory(title_en="First title")
    factories.PartyFactory(agreement=agreement)
    with pghistory.context(user=editor_user.pk):
        agreement.title_en = "Corrected title"
        agreement.save()
    page = html(staff_client.get(f"/en/agreements/{agreement.pk}/"))
    assert "Change history" in page
    assert editor_user.username in page
    assert "<del>First title</del> → <ins>Corrected title</ins>" in page
    assert "Party" in page  # the rows the agreement owns are in its history too
    assert "Change history" not in html(anonymous_client.get(f"/en/agreements/{agreement.pk}/"))
