"""Site search: spellings and word forms, grouping, highlighting, visibility, bad input, queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search import clean_query, highlight, similarity
from portal.transliteration import spellings, to_cyrillic, to_latin
from tests import factories

pytestmark = pytest.mark.django_db


def search(client, q, language="en"):
    response = client.get(f"/{language}/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def group_keys(html):
    """The kinds of result on the page, in the order shown."""
    return re.findall(r'<section class="search-group" id="results-([a-z]+)"', html)


def group(html, key):
    return html.split(f'id="results-{key}"', 1)[1].split("</section>", 1)[0]


def titles(html, key):
    found = re.findall(r'<p class="search-result-title">(.*?)</p>', group(html, key), re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", title).split()) for title in found]


@pytest.fixture
def abdrakhmatov(db):
    return factories.PersonFactory(
        full_name_ky="Абдрахматов Канатбек Ердалиевич",
        full_name_ru="Абдрахматов Канатбек Ердалиевич",
        full_name_en="Kanatbek Abdrakhmatov",
    )


@pytest.mark.parametrize("q", ["Абдрахматов", "Abdrakhmatov", "Abdrakhmatow", "абдрахматов", "Абдрахматав"])
def test_person_found_in_either_script_and_with_a_typo(anonymous_client, abdrakhmatov, q):
    factories.PersonFactory(full_name_en="Tilek Abdyrakhmanov", full_name_ru="Абдырахманов Тилек")
    factories.PersonFactory(full_name_en="Baktiyar Orozov", full_name_ru="Орозов Бактияр")
    html = search(anonymous_client, q, "ru")
    people = titles(html, "people")
    assert people[0] == "Абдрахматов Канатбек Ердалиевич"
    assert "Орозов Бактияр" not in people
    assert f'href="/ru/people/{abdrakhmatov.pk}/"' in group(html, "people")


def test_latin_spelling_finds_a_name_kept_only_in_cyrillic(anonymous_client):
    person = factories.PersonFactory(full_name_ky="", full_name_ru="Абдрахматов К. Е.", full_name_en="")
    html = search(anonymous_client, "Abdrakhmatov")
    assert titles(html, "people") == ["Абдрахматов К. Е."]
    assert f'href="/en/people/{person.pk}/"' in html


@pytest.mark.parametrize("q", ["соглашения", "соглашением", "соглашениям", "научного сотрудничества"])
def test_russian_word_forms_find_their_records(anonymous_client, q):
    factories.AgreementFactory(
        title_ru="Соглашение о научном сотрудничестве", title_en="Agreement on scientific cooperation"
    )
    factories.AgreementFactory(
        title_ru="Меморандум о взаимопонимании", title_en="Memorandum of understanding"
    )
    html = search(anonymous_client, q, "ru")
    assert titles(html, "agreements") == ["Соглашение о научном сотрудничестве"]


def test_english_word_forms_and_summary_text(anonymous_client):
    factories.AgreementFactory(
        title_en="Memorandum on laboratories", summary_en="The parties will modernise joint laboratories."
    )
    html = search(anonymous_client, "modernising laboratory")
    assert titles(html, "agreements") == ["Memorandum on laboratories"]
    snippet = group(html, "agreements").split('class="search-result-snippet">')[1].split("</p>")[0]
    assert "<mark>modernise</mark>" in snippet and "<mark>laboratories</mark>" in snippet


def test_results_grouped_by_kind_best_first(anonymous_client):
    organization = factories.OrganizationFactory(
        name_en="National Academy of Sciences",
        name_ru="Национальная академия наук",
        name_ky="Улуттук илимдер академиясы",
    )
    factories.AgreementFactory(title_en="Agreement with the academy of sciences")
    factories.CommissionFactory(name_en="Commission on academy matters")
    factories.JointLabFactory(name_en="Academy laboratory of plant protection")
    factories.ProgrammeFactory(title_en="Academy internships")
    factories.IndicatorFactory(name_en="Scientists of the academy")
    factories.TopicFactory(slug="academy", name_en="Academy life")
    factories.MeetingFactory(place_en="Academy hall")

    html = search(anonymous_client, "academy")
    keys = group_keys(html)
    kinds = {"organizations", "agreements", "commissions", "labs", "programmes", "indicators", "topics"}
    assert set(keys) == kinds | {"meetings"}
    assert len(keys) == len(set(keys))  # each kind once
    assert titles(html, "organizations") == ["National Academy of Sciences"]
    assert f'href="/en/organizations/{organization.pk}/"' in group(html, "organizations")
    # A topic has no page of its own: it links to the agreements on it.
    assert 'href="/en/agreements/?topic=academy"' in group(html, "topics")
    # Each group's heading counts its results, and the page names the kinds found.
    assert re.search(r'Organisations <span class="search-count">1</span>', html)


def test_group_links_to_the_full_list_when_there_are_more(anonymous_client):
    for index in range(12):
        factories.AgreementFactory(title_en=f"Protocol on seismology {index}")
    html = search(anonymous_client, "seismology")
    assert len(titles(html, "agreements")) == 10
    assert '<span class="search-count">12</span>' in html
    assert 'href="/en/agreements/?q=seismology"' in html


def test_match_highlighted_and_everything_else_escaped(anonymous_client):
    factories.AgreementFactory(title_en='Memorandum <script>alert("x")</script> & protocol')
    html = search(anonymous_client, "memorandum")
    title = group(html, "agreements").split('<p class="search-result-title">')[1].split("</p>")[0]
    assert "<mark>Memorandum</mark>" in title
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; protocol" in title
    assert "<script>" not in html.split("<main", 1)[1]


def test_query_echoed_escaped(anonymous_client):
    html = search(anonymous_client, '<img src=x onerror="alert(1)">')
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_typo_highlighted_by_similarity(anonymous_client, abdrakhmatov):
    html = search(anonymous_client, "Abdrakhmatow")
    assert "Kanatbek <mark>Abdrakhmatov</mark>" in html


@pytest.mark.parametrize(
    ("client_fixture", "seen"),
    [
        ("anonymous_client", {"Public seismic protocol"}),
        ("staff_client", {"Public seismic protocol", "Internal seismic protocol"}),
        (
            "editor_client",
            {"Public seismic protocol", "Internal seismic protocol", "Confidential seismic protocol"},
        ),
    ],
)
def test_only_visible_agreements_found(request, client_fixture, seen):
    for visibility in ("public", "internal", "confidential"):
        factories.AgreementFactory(
            title_en=f"{visibility.capitalize()} seismic protocol", visibility=visibility
        )
    client = request.getfixturevalue(client_fixture)
    html = search(client, "seismic")
    assert set(titles(html, "agreements")) == seen
    assert f'<span class="search-count">{len(seen)}</span>' in html
    for hidden in {"Internal seismic protocol", "Confidential seismic protocol"} - seen:
        assert hidden not in html


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "\x00",
        "abc\x00def",
        "x" * 10_000,
        "!!!",
        '"unclosed',
        "-",
        "a & | ! ( ) : * <->",
        "'; DROP TABLE agreements_agreement; --",
    ],
)
def test_bad_or_empty_input_gives_a_friendly_page(anonymous_client, q):
    factories.AgreementFactory(title_en="Agreement on cooperation")
    response = anonymous_client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "\x00" not in html
    assert 'id="search-q"' in html  # the search box is there to try again


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%FF%FE", "q=%00", "q=a&q=b", "q"])
def test_undecodable_query_strings(anonymous_client, raw):
    response = anonymous_client.get(f"/en/search/?{raw}")
    assert response.status_code == 200


def test_long_query_is_cut_and_says_so(anonymous_client):
    html = search(anonymous_client, "cooperation " * 1000)
    assert "Your search was shortened to its first 200 characters." in html


def test_empty_search_explains_how_to_search(anonymous_client):
    html = search(anonymous_client, "")
    assert "How to search" in html
    assert "search-group" not in html


def test_nothing_found(anonymous_client):
    html = search(anonymous_client, "zzyzx")
    assert "Nothing found for “zzyzx”" in html


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_search_page_in_each_language(anonymous_client, abdrakhmatov, language):
    html = search(anonymous_client, "Abdrakhmatov", language)
    assert f'<html lang="{language}"' in html
    assert f'action="/{language}/search/"' in html
    expected = "Kanatbek Abdrakhmatov" if language == "en" else "Абдрахматов Канатбек Ердалиевич"
    assert titles(html, "people") == [expected]


def _queries_for_search(client, q):
    with CaptureQueriesContext(connection) as context:
        search(client, q)
    return len(context.captured_queries)


def test_constant_queries_per_kind(anonymous_client):
    factories.AgreementFactory(title_en="Geology agreement 0")
    factories.PersonFactory(full_name_en="Geology Person 0")
    one = _queries_for_search(anonymous_client, "geology")
    for index in range(1, 30):
        factories.AgreementFactory(title_en=f"Geology agreement {index}")
        factories.PersonFactory(full_name_en=f"Geology Person {index}")
        factories.OrganizationFactory(name_en=f"Institute of Geology {index}")
    assert _queries_for_search(anonymous_client, "geology") == one
    # One query for each of the nine kinds, whatever matched.
    assert one == 9
    assert _queries_for_search(anonymous_client, "") == 0


# --- The pieces -----------------------------------------------------------------------------


def test_clean_query():
    assert clean_query("  a\x00b \t c  ") == ("ab c", False)
    text, cut = clean_query("é" * 500)
    assert cut and len(text) == 200


def test_spellings():
    assert to_cyrillic("Abdrakhmatov") == "Абдрахматов"
    assert to_cyrillic("Abdyrakhmanov") == "Абдырахманов"
    assert to_latin("Абдрахматов") == "Abdrakhmatov"
    assert to_latin("Өмүрбек Жээнбеков") == "Omurbek Zheenbekov"
    assert spellings("Orozov") == ["Orozov", "Орозов"]
    assert spellings("2023") == ["2023"]


def test_highlight_escapes_all_but_marks():
    assert str(highlight("\x02<b>\x03 & co", ())) == "<mark>&lt;b&gt;</mark> &amp; co"
    assert str(highlight("Kanatbek Abdrakhmatov", ["abdrakhmatow"])) == "Kanatbek <mark>Abdrakhmatov</mark>"
    assert similarity("abdrakhmatov", "abdrakhmatow") > 0.6
