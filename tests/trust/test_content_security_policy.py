"""A strict Content-Security-Policy is sent, and the pages need nothing it forbids.

The policy allows scripts and styles only from the portal itself: no inline <script>, no
<style> element, no style="" or on...="" attribute, no javascript: URL, so a page that used one
would break in the browser. These tests read the pages as a browser would receive them.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests import factories


class InlineCode(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A JSON or JSON-LD block is data that the browser never runs.
        data = attrs.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and not attrs.get("src") and not data:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="…">')
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def policy(response):
    header = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


@pytest.fixture
def pages(db):
    agreement = factories.AgreementFactory()
    factories.PartyFactory(agreement=agreement)
    return [
        "/en/",
        "/ky/",
        reverse("agreements:agreement_list"),
        agreement.get_absolute_url(),
        "/en/search/?q=agreement",
        reverse("admin:login"),
        "/en/no-such-page/",
    ]


def test_the_policy_is_strict(client, pages):
    directives = policy(client.get("/en/"))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]


def test_every_page_gets_the_policy_and_has_no_inline_code(client, editor_client, pages):
    for url in pages:
        for who, c in (("anonymous", client), ("editor", editor_client)):
            response = c.get(url, follow=True)  # a signed-in editor is sent on from the login page
            assert response.status_code in (200, 404), (url, who, response.status_code)
            assert "Content-Security-Policy" in response.headers, (url, who)
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.headers["Referrer-Policy"] == "same-origin"
            html = response.content.decode()
            assert inline_code(html) == [], (url, who, inline_code(html))
            assert not re.search(r"https?://(?!127\.0\.0\.1|testserver)[^\"' ]+\.(js|css)\b", html), (
                url,
                who,
            )


def test_the_editors_admin_pages_have_no_inline_code(editor_client, db):
    agreement = factories.AgreementFactory()
    for url in (
        reverse("admin:index"),
        reverse("admin:agreements_agreement_changelist"),
        reverse("admin:agreements_agreement_change", args=[agreement.pk]),
        reverse("admin:agreements_agreement_add"),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], (url, inline_code(response.content.decode()))
