"""What every page shares: one stylesheet, the header's search box, and list tables whose cells
carry their column's name so that a phone can show each row as a card (static/css/portal.css)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from tests import factories

pytestmark = pytest.mark.django_db


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path", ["/ky/", "/ky/search/?q=academy", "/ky/agreements/", "/ru/labs/"])
def test_every_page_has_the_one_stylesheet(anonymous_client, path):
    html = get(anonymous_client, path)
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["/static/css/portal.css"]
    assert finders.find("css/dashboard.css") is None


def header_box(html):
    (value,) = re.findall(
        r'<input type="search" id="site-search-q" name="q" maxlength="200" value="([^"]*)">', html
    )
    return value


def test_the_header_search_box_shows_the_query_as_searched(anonymous_client):
    # Control characters dropped, spaces collapsed, and the rest escaped, not marked safe.
    html = get(anonymous_client, "/en/search/?q=%20%20%3Cb%3Ebold%3C%2Fb%3E%01%20%22quoted%22%20%20&x=1")
    assert header_box(html) == "&lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;"
    assert "<b>bold</b>" not in html


def test_the_header_search_box_is_empty_outside_the_search(anonymous_client):
    # A list's own ?q= filter belongs to the list's filter panel, not to the site search.
    assert header_box(get(anonymous_client, "/en/agreements/?q=memorandum")) == ""


class _Table(HTMLParser):
    """The list table's column headings and, per row, the data-label of each <td>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.rows = [], []
        self.in_table = self.in_head_th = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "list-table" in (attrs.get("class") or ""):
            self.in_table = True
        elif not self.in_table:
            return
        elif tag == "th" and attrs.get("scope") == "col":
            self.in_head_th = True
            self.headings.append("")
        elif tag == "tr" and self.headings:
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append(attrs.get("data-label"))
        elif tag == "span" and self.in_head_th and "visually-hidden" in (attrs.get("class") or ""):
            self.in_head_th = False  # "(select to sort)" is not the heading's name

    def handle_endtag(self, tag):
        if tag == "th":
            self.in_head_th = False
        elif tag == "table":
            self.in_table = False

    def handle_data(self, data):
        if self.in_head_th:
            self.headings[-1] += data.replace("↕", "").replace("▲", "").replace("▼", "").strip()


def seed_one_of_each():
    parent = factories.OrganizationFactory()
    organization = factories.OrganizationFactory(parent=parent, successor=factories.OrganizationFactory())
    agreement = factories.AgreementFactory()
    factories.PartyFactory(agreement=agreement, organization=organization)
    factories.SignatoryFactory(agreement=agreement)
    meeting = factories.MeetingFactory()
    factories.ConsortiumFactory()
    factories.JointLabFactory(host=organization)
    factories.ProgrammeFactory(agreement=agreement)
    factories.ProgrammeFactory(meeting=meeting)
    factories.IndicatorFactory(organization=organization)


@pytest.mark.parametrize("language", ["ky", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/agreements/",
        "/organizations/",
        "/people/",
        "/commissions/",
        "/meetings/",
        "/consortium/",
        "/labs/",
        "/programmes/",
        "/indicators/",
    ],
)
def test_every_cell_of_a_list_names_its_column(anonymous_client, path, language):
    seed_one_of_each()
    table = _Table()
    table.feed(get(anonymous_client, f"/{language}{path}"))

    assert table.rows, f"no rows on {path}"
    for row in table.rows:
        # The first column is the row's own heading (<th scope="row">), the card's title.
        assert row == table.headings[1:], path
