"""The home dashboard: figures, short lists and charts, in each language and for each role."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Commitment
from consortium.models import Indicator
from portal.charts import Chart, Row, draw_bars, draw_columns, nice_step
from tests import factories
from tests.portal.page_reading import chart_table

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def home(client, language="en"):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return response.content.decode()


def agreement_with_party(country="CN", signed_on=datetime.date(2023, 7, 20), **kwargs):
    agreement = factories.AgreementFactory(signed_on=signed_on, **kwargs)
    factories.PartyFactory(agreement=agreement, organization=factories.OrganizationFactory(country="KG"))
    if country != "KG":
        factories.PartyFactory(
            agreement=agreement, organization=factories.OrganizationFactory(country=country)
        )
    return agreement


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_home_in_each_language(anonymous_client, language):
    factories.AgreementFactory(
        title_ky="Илимий кызматташтык жөнүндө келишим", title_ru="Соглашение о сотрудничестве", title_en=""
    )
    html = home(anonymous_client, language)
    assert f'<html lang="{language}"' in html
    expected_title = {
        "ky": "Илимий кызматташтык жөнүндө келишим",
        "ru": "Соглашение о сотрудничестве",
        # No English title: the content falls back ky → ru → en, never to an empty cell.
        "en": "Илимий кызматташтык жөнүндө келишим",
    }[language]
    assert expected_title in html
    # Links on the page stay in the page's language, the feeds say which language they want.
    assert f'href="/{language}/agreements/"' in html
    assert f"/feeds/agreements.atom?lang={language}" in html


def test_headline_figures_with_qualifier_date_and_source(anonymous_client):
    factories.IndicatorFactory(
        name_en="Kyrgyz students at universities in China",
        value=Decimal("4200"),
        qualifier=Indicator.Qualifier.MORE_THAN,
        as_of=datetime.date(2025, 7, 21),
        source_note_en="24.kg news agency",
        source_url="https://24.kg/example",
        is_headline=True,
        order=1,
    )
    factories.IndicatorFactory(
        name_en="Chinese citizens at Kyrgyz universities",
        value=Decimal("450"),
        qualifier=Indicator.Qualifier.ABOUT,
        is_headline=True,
        order=2,
    )
    factories.IndicatorFactory(name_en="Not a headline figure", value=7)

    html = home(anonymous_client, "en")
    figures = re.findall(r'<li class="headline">(.*?)</li>', html, re.S)
    assert len(figures) == 2
    first, second = (" ".join(re.sub(r"<[^>]+>", " ", figure).split()) for figure in figures)
    assert first.startswith("more than 4,200 ")
    assert "Kyrgyz students at universities in China" in first
    assert "As of July 21, 2025" in first
    assert "Source: 24.kg news agency" in first
    assert 'href="https://24.kg/example"' in figures[0]
    assert second.startswith("about 450 ")
    assert "Date not stated" in second
    assert "Source not stated" in second
    assert "Not a headline figure" not in html

    # Numbers and dates follow the language: a non-breaking space groups thousands in Russian.
    html_ru = home(anonymous_client, "ru")
    assert '<span class="headline-number">4\xa0200</span>' in html_ru
    assert "21 июля 2025" in html_ru


def test_charts_count_only_what_the_viewer_may_see(anonymous_client, staff_client, editor_client):
    agreement_with_party("CN", datetime.date(2023, 3, 1))
    agreement_with_party("CN", datetime.date(2023, 9, 1))
    agreement_with_party("RU", datetime.date(2025, 1, 10))
    agreement_with_party("KG", datetime.date(2025, 5, 5))  # between Kyrgyz organisations only
    agreement_with_party("CN", datetime.date(2025, 6, 1), visibility="internal")
    agreement_with_party("CN", datetime.date(2023, 6, 1), visibility="confidential")
    agreement_with_party("DE", datetime.date(2021, 6, 1), visibility="confidential")
    # No party entered yet: the commission's countries (KG, CN) stand for them.
    meeting = factories.MeetingFactory(commission=factories.CommissionFactory(countries=["KG", "CN"]))
    factories.AgreementFactory(signed_on=datetime.date(2022, 7, 21), meeting=meeting, kind="protocol")
    # Parties entered: they count, not the commission's countries.
    agreement_with_party("RU", datetime.date(2022, 7, 21), meeting=meeting)

    html = home(anonymous_client)
    # 2024 had no agreement: it is drawn as zero, so the gap shows.
    assert chart_table(html, "chart-years") == {"2022": 2, "2023": 2, "2024": 0, "2025": 2}
    assert chart_table(html, "chart-countries") == {"China": 3, "Russia": 2, "Kyrgyzstan": 1}

    html = home(staff_client)
    assert chart_table(html, "chart-years") == {"2022": 2, "2023": 2, "2024": 0, "2025": 3}
    assert chart_table(html, "chart-countries") == {"China": 4, "Russia": 2, "Kyrgyzstan": 1}

    html = home(editor_client)
    assert chart_table(html, "chart-years") == {"2021": 1, "2022": 2, "2023": 3, "2024": 0, "2025": 3}
    assert chart_table(html, "chart-countries") == {"China": 5, "Russia": 2, "Germany": 1, "Kyrgyzstan": 1}


def test_labs_chart_counts_topics_and_stated_fields(anonymous_client):
    plant = factories.TopicFactory(slug="plant-protection", name_en="Plant protection")
    heritage = factories.TopicFactory(slug="cultural-heritage", name_en="Cultural heritage protection")
    factories.JointLabFactory().topics.add(plant)
    factories.JointLabFactory().topics.add(plant, heritage)
    factories.JointLabFactory(field_en="Clean energy")
    factories.JointLabFactory()

    html = home(anonymous_client)
    assert chart_table(html, "chart-labs") == {
        "Plant protection": 2,
        "Cultural heritage protection": 1,
        "Clean energy": 1,
        "field not stated": 1,
    }


def test_charts_are_accessible_svg_without_inline_styles(anonymous_client):
    agreement_with_party("CN")
    html = home(anonymous_client)
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 2  # years and countries; labs has no data and says so
    for svg in svgs:
        assert 'role="img"' in svg
        chart_id = re.search(r'id="([^"]+)"', svg).group(1)
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert re.search(rf'<title id="{chart_id}-title">[^<]+</title>', svg)
        assert re.search(rf'<desc id="{chart_id}-desc">[^<]+</desc>', svg)
    # The CSP allows no inline styles (style-src 'self'), and the page needs no script.
    assert "style=" not in html
    assert "<style" not in html
    assert "<script" not in html.split("<main", 1)[1]
    assert "No data yet." in html


def test_hidden_agreements_stay_off_the_lists(anonymous_client, editor_client):
    in_days = TODAY + 30 * DAY
    public = factories.AgreementFactory(
        title_en="Public expiring", signed_on=TODAY - 400 * DAY, expires_on=in_days
    )
    secret = factories.AgreementFactory(
        title_en="Secret expiring", signed_on=TODAY - 400 * DAY, expires_on=in_days, visibility="confidential"
    )
    factories.AgreementFactory(
        title_en="Expiring later", signed_on=TODAY - 400 * DAY, expires_on=TODAY + 300 * DAY
    )
    factories.CommitmentFactory(agreement=public, text_en="Public promise", due_on=TODAY - DAY)
    factories.CommitmentFactory(agreement=secret, text_en="Secret promise", due_on=TODAY - DAY)
    factories.CommitmentFactory(
        agreement=public, text_en="Kept promise", due_on=TODAY - DAY, status=Commitment.Status.DONE
    )

    html = home(anonymous_client)
    expiring = html.split('id="expiring-title"')[1].split("</section>")[0]
    assert "Public expiring" in expiring
    assert "Secret expiring" not in html
    assert "Expiring later" not in expiring
    overdue = html.split('id="overdue-title"')[1].split("</section>")[0]
    assert "Public promise" in overdue
    assert "Secret promise" not in html
    assert "Kept promise" not in overdue

    html = home(editor_client)
    assert "Secret expiring" in html
    assert "Secret promise" in html


def test_next_meeting_is_the_soonest_dated_or_planned(anonymous_client):
    commission = factories.CommissionFactory(name_en="Kyrgyz-Chinese Commission")
    factories.MeetingFactory(commission=commission, number=1, held_on=datetime.date(2023, 7, 20))
    factories.MeetingFactory(commission=commission, number=2, held_on=None, planned_year=TODAY.year - 1)
    factories.MeetingFactory(
        commission=commission, number=3, held_on=None, planned_year=TODAY.year + 1, place_en="China"
    )

    html = home(anonymous_client)
    card = html.split('id="meeting-title"')[1].split("</section>")[0]
    assert f"planned for {TODAY.year + 1}" in card
    assert "Meeting No. 3" in card
    assert "Kyrgyz-Chinese Commission" in card
    assert "China" in card


def test_newest_agreements_first(anonymous_client):
    factories.AgreementFactory(title_en="Older", signed_on=datetime.date(2020, 1, 1))
    factories.AgreementFactory(
        title_en="Newer", signed_on=datetime.date(2024, 5, 1), signed_on_precision="month"
    )
    html = home(anonymous_client)
    newest = html.split('id="newest-title"')[1].split("</section>")[0]
    assert newest.index("Newer") < newest.index("Older")
    # A date the source gives only to the month is shown to the month.
    assert "May 2024" in newest


def _populate(count):
    """`count` of each kind of row the home page reads."""
    topic = factories.TopicFactory()
    commission = factories.CommissionFactory()
    for index in range(count):
        agreement = agreement_with_party(
            ["CN", "RU", "KG"][index % 3],
            signed_on=TODAY - (400 + index * 40) * DAY,
            expires_on=TODAY + (index % 100 + 1) * DAY,
        )
        agreement.topics.add(topic)
        factories.CommitmentFactory(agreement=agreement, due_on=TODAY - DAY)
        factories.IndicatorFactory(is_headline=True)
        factories.JointLabFactory(field_en=f"Field {index}").topics.add(topic)
        factories.MeetingFactory(commission=commission, held_on=None, planned_year=TODAY.year + 1)


def _queries_for_home(client):
    with CaptureQueriesContext(connection) as context:
        home(client)
    return len(context.captured_queries)


def test_same_number_of_queries_for_1_and_30_rows(anonymous_client, editor_client, settings):
    # The dashboard's own queries, uncached (its cache is tested in test_caching.py).
    settings.DASHBOARD_CACHE_SECONDS = 0
    _populate(1)
    one_anonymous, one_editor = _queries_for_home(anonymous_client), _queries_for_home(editor_client)
    _populate(29)
    assert _queries_for_home(anonymous_client) == one_anonymous
    assert _queries_for_home(editor_client) == one_editor
    # headline figures 1; newest agreements 3 (rows, parties with organisations, topics);
    # next meeting 1; expiring 1; overdue 1; per year 1; by partner country 1; labs 2 (by topic,
    # by stated field).
    assert one_anonymous == 11


# --- The drawing itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "step"), [(0, 1), (1, 1), (3, 1), (4, 1), (7, 2), (10, 5), (38, 10), (950, 500)]
)
def test_nice_step(maximum, step):
    assert nice_step(maximum) == step


def test_chart_labels_are_escaped_and_coordinates_not_localised(settings):
    from django.utils import translation

    chart = Chart(
        id="c",
        title="<b>T</b>",
        rows=[Row("<x>", 1200), Row("y", 5), Row("z", 7)],
        label_heading="",
        value_heading="",
    )
    with translation.override("ru"):
        svg = str(draw_bars(chart).svg)
        columns = str(
            draw_columns(Chart(id="d", title="T", rows=chart.rows, label_heading="", value_heading="")).svg
        )
    assert "<x>" not in svg and "&lt;x&gt;" in svg
    assert "&lt;b&gt;T&lt;/b&gt;" in svg
    # Coordinates use a point whatever the language; the figures people read are localised.
    assert re.search(r'x="\d+\.\d"', columns)
    assert not re.search(r'(x|y|width|height)="[\d]+,\d', svg + columns)
    assert "1\xa0200" in svg


def test_partner_sees_its_own_internal_agreements_counted():
    from portal.core.visibility import PartnerUser
    from portal.dashboard import partner_country_counts

    own = agreement_with_party("CN", visibility="internal")
    agreement_with_party("CN", visibility="internal")  # another partner's
    agreement_with_party("RU")
    partner = PartnerUser(own.parties.get(organization__country="CN").organization_id)
    assert partner_country_counts(partner) == {"CN": 1, "RU": 1}
    assert partner_country_counts(None) == {"RU": 1}
