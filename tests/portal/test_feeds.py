"""The Atom feed of new agreements and the iCalendar feeds of meetings and expiry dates."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from portal.feeds import fold, ical_text
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


# --- Atom -----------------------------------------------------------------------------------


def atom(client, query=""):
    response = client.get(f"/feeds/agreements.atom{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def test_atom_feed_lists_public_agreements_only(anonymous_client):
    public = factories.AgreementFactory(title_en="Public memorandum", summary_en="On <b>bold</b> plans")
    factories.PartyFactory(agreement=public, organization=factories.OrganizationFactory(name_en="Academy"))
    factories.AgreementFactory(title_en="Internal protocol", visibility="internal")
    factories.AgreementFactory(title_en="Confidential roadmap", visibility="confidential")

    feed = atom(anonymous_client, "?lang=en")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Public memorandum"]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/en/agreements/{public.pk}/"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The summary is HTML in which every value was escaped: the text's own tags stay text.
    assert "&lt;b&gt;bold&lt;/b&gt;" in summary.text
    assert "Academy" in summary.text
    assert entry.findtext(f"{ATOM}published")


def test_atom_feed_follows_the_viewer(editor_client):
    factories.AgreementFactory(title_en="Confidential roadmap", visibility="confidential")
    feed = atom(editor_client, "?lang=en")
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "Confidential roadmap"
    ]


def test_atom_feed_newest_first_and_in_the_asked_language(anonymous_client):
    factories.AgreementFactory(title_en="First published", title_ru="Опубликовано первым")
    factories.AgreementFactory(title_en="Last published", title_ru="Опубликовано последним")
    feed = atom(anonymous_client, "?lang=ru")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Опубликовано последним", "Опубликовано первым"]
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("http://testserver/ru/agreements/")


def test_atom_feed_title_with_markup_is_text(anonymous_client):
    factories.AgreementFactory(title_en="<script>alert(1)</script> & co")
    response = anonymous_client.get("/feeds/agreements.atom?lang=en")
    assert b"<script>" not in response.content
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "<script>alert(1)</script> & co"


def test_atom_feed_with_an_unknown_language_falls_back(anonymous_client):
    feed = atom(anonymous_client, "?lang=xx")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ky"


# --- iCalendar ------------------------------------------------------------------------------


def calendar(client, name, query=""):
    response = client.get(f"/feeds/{name}.ics{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    # RFC 5545: CRLF line ends, lines folded to at most 75 octets.
    assert raw.endswith(b"\r\n")
    physical = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in physical)
    assert all(len(line) <= 75 for line in physical)
    text = raw.decode("utf-8").replace("\r\n ", "")  # unfold
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    return lines


def events(lines):
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def test_meetings_calendar_has_the_meetings_with_a_day_or_month(anonymous_client):
    commission = factories.CommissionFactory(
        name_en="Kyrgyz-Chinese Commission on Scientific and Technical Cooperation"
    )
    held = factories.MeetingFactory(
        commission=commission, number=2, held_on=datetime.date(2025, 7, 21), place_en="Cholpon-Ata",
        country="KG", summary_en="A protocol; a memorandum, and more.\nSecond line.",
    )  # fmt: skip
    factories.MeetingFactory(commission=commission, number=3, held_on=None, planned_year=2027)
    in_may = factories.MeetingFactory(
        commission=commission, number=1, held_on=datetime.date(2023, 5, 1), held_on_precision="month"
    )
    factories.MeetingFactory(
        commission=commission, number=4, held_on=datetime.date(2020, 1, 1), held_on_precision="year"
    )

    lines = calendar(anonymous_client, "meetings", "?lang=en")
    found = events(lines)
    # Day known: that day. Month known: the whole month, no day made up. Year only or planned: out.
    assert [event["UID"] for event in found] == [
        f"meeting-{held.pk}@testserver",
        f"meeting-{in_may.pk}@testserver",
    ]
    month = found[1]
    assert (month["DTSTART;VALUE=DATE"], month["DTEND;VALUE=DATE"]) == ("20230501", "20230601")
    assert month["DESCRIPTION"] == "Only the month is known: May 2023"
    event = found[0]
    assert event["DTSTART;VALUE=DATE"] == "20250721"
    assert event["DTEND;VALUE=DATE"] == "20250722"
    assert (
        event["SUMMARY"] == "Kyrgyz-Chinese Commission on Scientific and Technical Cooperation\\, meeting 2"
    )
    assert event["LOCATION"] == "Cholpon-Ata\\, Kyrgyzstan"
    assert event["DESCRIPTION"] == "A protocol\\; a memorandum\\, and more.\\nSecond line."
    assert event["URL"] == f"http://testserver/en/meetings/{held.pk}/"
    assert event["UID"] == f"meeting-{held.pk}@testserver"
    assert event["DTSTAMP"].endswith("Z")


def test_expiries_calendar_omits_hidden_and_terminated_agreements(anonymous_client, editor_client):
    signed = TODAY - 400 * DAY
    public = factories.AgreementFactory(
        title_en="Public agreement", signed_on=signed, expires_on=TODAY + 10 * DAY
    )
    factories.AgreementFactory(
        title_en="Confidential agreement",
        signed_on=signed,
        expires_on=TODAY + 20 * DAY,
        visibility="confidential",
    )
    factories.AgreementFactory(
        title_en="Terminated early", signed_on=signed, expires_on=TODAY + 30 * DAY, terminated_on=TODAY - DAY
    )
    factories.AgreementFactory(
        title_en="Long expired", signed_on=TODAY - 2000 * DAY, expires_on=TODAY - 900 * DAY
    )
    factories.AgreementFactory(title_en="Open-ended", signed_on=signed)

    found = events(calendar(anonymous_client, "expiries", "?lang=en"))
    assert [event["SUMMARY"] for event in found] == ["Expires: Public agreement"]
    assert found[0]["DTSTART;VALUE=DATE"] == f"{public.expires_on:%Y%m%d}"
    assert found[0]["URL"] == f"http://testserver/en/agreements/{public.pk}/"

    found = events(calendar(editor_client, "expiries", "?lang=en"))
    assert [event["SUMMARY"] for event in found] == [
        "Expires: Public agreement",
        "Expires: Confidential agreement",
    ]


def test_calendar_in_russian_folds_cyrillic_without_splitting_letters(anonymous_client):
    factories.MeetingFactory(
        commission=factories.CommissionFactory(
            name_ru="Кыргызско-Китайская комиссия по научно-техническому сотрудничеству"
        ),
        held_on=datetime.date(2025, 7, 21),
    )
    lines = calendar(anonymous_client, "meetings", "?lang=ru")
    (event,) = events(lines)
    assert event["SUMMARY"].startswith("Кыргызско-Китайская комиссия по научно-техническому сотрудничеству")


def test_feeds_linked_from_home(anonymous_client):
    html = anonymous_client.get("/ru/").content.decode()
    assert 'href="/feeds/agreements.atom?lang=ru"' in html
    assert 'href="/feeds/meetings.ics?lang=ru"' in html
    assert 'href="/feeds/expiries.ics?lang=ru"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html  # from base.html


# --- The pieces -----------------------------------------------------------------------------


def test_month_after():
    from portal.feeds import _month_after

    assert _month_after(datetime.date(2025, 7, 1)) == datetime.date(2025, 8, 1)
    assert _month_after(datetime.date(2025, 12, 1)) == datetime.date(2026, 1, 1)


def test_ical_text_escapes():
    assert ical_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_fold_counts_octets_and_keeps_characters_whole():
    line = "SUMMARY:" + "ж" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if index else part for index, part in enumerate(parts)) == line
    assert fold("SHORT:x") == "SHORT:x"
