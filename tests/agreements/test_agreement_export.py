"""The agreements export reads parties, countries, topics and the meeting from SQL annotations
(AgreementList.get_export_queryset); each cell must be what the model's own str() gives."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from agreements.models import Agreement
from tests import factories

pytestmark = pytest.mark.django_db


def exported(client, language="en"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/{language}/agreements/?export=csv")
        content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=True)) for row in body], captured


@pytest.fixture
def agreements():
    commission = factories.CommissionFactory(name_en="Kyrgyz-Chinese commission", name_ru="Комиссия КР-КНР")
    meeting = factories.MeetingFactory(commission=commission, number=7)
    first = factories.AgreementFactory(title_en="First", meeting=meeting)
    # Parties in their order; one organisation known only by a short name in one language, one
    # without a country; a country appearing twice is listed once.
    factories.PartyFactory(
        agreement=first,
        organization=factories.OrganizationFactory(name_en="Academy", name_ru="Академия", country="CN"),
        order=2,
    )
    factories.PartyFactory(
        agreement=first,
        organization=factories.OrganizationFactory(name_en="", name_ru="", name_ky="", short_name_ru="КГУ"),
        order=1,
    )
    factories.PartyFactory(
        agreement=first,
        organization=factories.OrganizationFactory(name_en="Zeta Institute", country=""),
        order=3,
    )
    factories.PartyFactory(
        agreement=first, organization=factories.OrganizationFactory(name_en="Beta", country="CN"), order=4
    )
    first.topics.add(
        factories.TopicFactory(slug="b-geology", name_en="Geology", name_ru="Геология"),
        factories.TopicFactory(slug="a-physics", name_en="Physics"),
    )
    second = factories.AgreementFactory(title_en="Second")  # no parties, topics or meeting
    return first, second


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_cells_are_what_the_models_say(anonymous_client, agreements, language):
    rows, _captured = exported(anonymous_client, language)
    by_id = {int(row[list(row)[0]]): list(row.values()) for row in rows}
    with translation.override(language):
        for agreement in Agreement.objects.filter(pk__in=[a.pk for a in agreements]):
            cells = by_id[agreement.pk]
            parties = [str(p.organization) for p in agreement.parties.order_by("order", "id")]
            countries = sorted(
                {p.organization.country.code for p in agreement.parties.all() if p.organization.country}
            )
            topics = [str(t) for t in agreement.topics.order_by("slug")]
            meeting = str(agreement.meeting) if agreement.meeting_id else ""
            assert cells[10:14] == ["; ".join(parties), "; ".join(countries), "; ".join(topics), meeting]


def test_values_in_english(anonymous_client, agreements):
    rows, _captured = exported(anonymous_client)
    first = next(row for row in rows if row["Title"] == "First")
    assert first["Parties"] == "КГУ; Academy; Zeta Institute; Beta"
    assert first["Countries"] == "CN; KG"
    assert first["Topics"] == "Physics; Geology"
    assert first["Meeting"] == "Kyrgyz-Chinese commission, meeting 7"
    second = next(row for row in rows if row["Title"] == "Second")
    assert (second["Parties"], second["Countries"], second["Topics"], second["Meeting"]) == ("", "", "", "")


def test_one_query_reads_the_rows_whatever_their_number(anonymous_client, agreements):
    _rows, one = exported(anonymous_client)
    for _ in range(30):
        factories.PartyFactory(agreement=factories.AgreementFactory())
    rows, many = exported(anonymous_client)
    assert len(rows) == 32
    assert len(many) == len(one)
