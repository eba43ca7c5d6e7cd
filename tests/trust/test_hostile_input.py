"""Bad input everywhere (issue 5, item 7): hostile strings at every filter, the search page, the
feeds' `?lang=` and every form, as a property-based test (hypothesis, fixed seed).

The values: very long strings (10,000 characters), NUL bytes, mixed scripts, right-to-left marks,
HTML (`<script>`) and SQL fragments (`' OR 1=1 --`), malformed dates ("2023-02-30",
"9999-99-99"), huge and negative numbers, unicode normalisation oddities, and whatever else
hypothesis draws. The targets are derived, not listed: the filter parameters of every HTML list
and API list come from their FilterSet classes (plus paging, export, format and language), the
admin forms' fields from the admin's own form and inline classes, the API's writable fields from
its serializers; a new filter or field is fuzzed without touching this file.

Every answer must be clean: 200, 400 or 404 for a read (a 400 from the API names the parameter),
the form again (200) or a redirect (302) for an admin form, 201, 400 or 409 for an API create;
never a 5xx. A refused request stores nothing: the row count of every table of the domain apps
(audit rows included) is the same after it. What a page echoes is escaped, and so is stored
text: a title `<script>alert(1)</script>` appears only escaped on the agreement page, the lists,
search results, the Atom feed and the admin changelist.

Seeded (`derandomize=True`) and bounded, so a run is repeatable and the module takes about a
minute.
"""

import datetime
import json
import re
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, transaction
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from agreements.models import Agreement, Organization
from portal.core.api import PortalViewSet
from portal.core.views import FilteredListView
from tests import factories
from tests.trust.leak_routes import all_routes, en_reverse

pytestmark = pytest.mark.django_db

# --- Hostile values -------------------------------------------------------------------------

CORPUS = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "A" * 10_000,
    "ж" * 10_000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><svg/onload=alert(1)>",
    "' OR 1=1 --",
    "1; DROP TABLE agreements_agreement; --",
    "%' OR '1'='1",
    "\\",
    "%",
    "_",
    "*",
    "!",
    "&",
    ":*",
    "a & | !b",
    '"unterminated',
    "2023-02-30",
    "9999-99-99",
    "0000-00-00",
    "2023-13-01",
    "-2023-01-01",
    "99999-01-01",
    "31.12.2023",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "Infinity",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 40,
    "1,2,3",
    ",,,",
    "1,abc",
    "\u202eevil\u202c",
    "\u200f\u200e\u200b",
    "Кыргызстан 中国 العربية עברית ქართული",
    "ﬁ",  # a ligature that NFKC turns into two letters
    "e\u0301",  # e and a combining accent (NFC: é)
    "\ufeffBOM",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇰🇬",
    "../../../etc/passwd",
    "{{7*7}}{% debug %}",
    "${jndi:ldap://x}",
    "true",
    "null",
    "[]",
]
# Letters of every script, combining marks, numbers, punctuation, symbols, spaces, control and
# format characters (NUL, right-to-left marks, zero-width spaces).
SCRIPTS = st.characters(categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"])
hostile_text = st.one_of(
    st.sampled_from(CORPUS),
    st.text(SCRIPTS, max_size=60),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda day: f"{day:%d.%m.%Y}"),
    st.builds(
        lambda y, m, d: f"{y}-{m:02}-{d:02}", st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99)
    ),
)
# JSON bodies take any JSON value where a field wants one kind; lone surrogates too (JSON can
# carry "\ud800", which no database text can hold).
json_values = st.one_of(
    hostile_text,
    st.sampled_from(["\ud800", "a\udfffb"]),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(hostile_text, st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=5), hostile_text, max_size=2),
)
TAG = re.compile(r"<[a-zA-Z/!]")

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


# --- The world and the clients --------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A few rows of every kind (so generated ids sometimes hit real ones) and the clients, in a
    transaction rolled back after the module's last test."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def build_world() -> dict:
    org = factories.OrganizationFactory(country="CN")
    person = factories.PersonFactory()
    topic = factories.TopicFactory(slug="ecology")
    meeting = factories.MeetingFactory()
    agreement = factories.AgreementFactory(meeting=meeting)
    agreement.topics.set([topic])
    factories.PartyFactory(agreement=agreement, organization=org)
    factories.SignatoryFactory(agreement=agreement, person=person)
    consortium = factories.ConsortiumFactory(founding_agreement=agreement)
    factories.WorkstreamFactory(consortium=consortium, lead=org)
    lab = factories.JointLabFactory(host=org, founding_agreement=agreement)
    lab.topics.set([topic])
    factories.ProgrammeFactory(agreement=agreement, meeting=meeting)
    factories.IndicatorFactory(organization=org)
    editor = factories.editor()
    anonymous, signed_in, by_key = APIClient(), APIClient(), APIClient()
    signed_in.force_login(editor)
    by_key.credentials(HTTP_AUTHORIZATION=f"Api-Key {factories.api_key(user=editor)}")
    for client in (anonymous, signed_in, by_key):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return {
        "org": org,
        "person": person,
        "topic": topic,
        "meeting": meeting,
        "commission": meeting.commission,
        "agreement": agreement,
        "consortium": consortium,
        "editor": editor,
        "anonymous": anonymous,
        "editor_session": signed_in,
        "editor_key": by_key,
    }


DOMAIN_TABLES = sorted(
    model._meta.db_table
    for app in ("agreements", "consortium", "pghistory")
    for model in apps.get_app_config(app).get_models()
    if model._meta.managed and not model._meta.proxy
)


def row_counts() -> dict[str, int]:
    """The number of rows of every domain table (audit tables included), in one query."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Only the models' own table names are formatted in.
        counts = ", ".join(f"(SELECT count(*) FROM {quote(table)})" for table in DOMAIN_TABLES)  # noqa: S608
        cursor.execute(f"SELECT {counts}")  # noqa: S608
        return dict(zip(DOMAIN_TABLES, cursor.fetchone(), strict=True))


def assert_clean(response, allowed, what):
    assert response.status_code in allowed, f"{what}: {response.status_code} {response.content[:2000]!r}"


def assert_escaped(response, value, what):
    """Text that looks like markup is never echoed raw into an HTML page."""
    if TAG.search(value) and "html" in response.get("Content-Type", ""):
        assert value not in response.content.decode(), f"{what}: echoed unescaped"


# --- Every filter of every list -------------------------------------------------------------


def list_targets():
    """(list URL, surface, parameter names) of every HTML and API list, from its FilterSet."""
    targets = []
    for route in all_routes():
        view_class = getattr(route.callback, "view_class", None)
        viewset = getattr(route.callback, "cls", None)
        action = (getattr(route.callback, "actions", None) or {}).get("get")
        if view_class and issubclass(view_class, FilteredListView):
            params = [*view_class.filterset_class.base_filters, "page", "export"]
            targets.append(pytest.param(en_reverse(route.name), "page", params, id=en_reverse(route.name)))
        elif viewset and issubclass(viewset, PortalViewSet) and action == "list":
            params = [*viewset.filterset_class.base_filters, "limit", "offset", "format", "lang"]
            targets.append(pytest.param(en_reverse(route.name), "api", params, id=en_reverse(route.name)))
    return targets


LIST_TARGETS = list_targets()


@pytest.mark.parametrize(("url", "surface", "params"), LIST_TARGETS)
@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_every_list_filter_answers_hostile_values_cleanly(world, url, surface, params, data):
    name = data.draw(st.sampled_from(params), label="parameter")
    value = data.draw(hostile_text, label="value")
    before = row_counts()
    response = world["anonymous"].get(f"{url}?{urlencode({name: value})}")
    assert_clean(response, (200, 400, 404), f"{url}?{name}=")
    if surface == "api" and response.status_code == 400:
        assert name in response.json(), response.json()  # the message names the parameter
    assert_escaped(response, value, url)
    assert row_counts() == before


def test_the_list_targets_cover_every_list():
    assert len([t for t in LIST_TARGETS if t.values[1] == "page"]) >= 9
    assert len([t for t in LIST_TARGETS if t.values[1] == "api"]) >= 11
    agreements = next(t.values[2] for t in LIST_TARGETS if t.values[0] == "/api/v1/agreements/")
    assert {"q", "organization", "country", "signed_after", "status", "topic"} <= set(agreements)


@settings(FUZZ, max_examples=120)
@given(value=hostile_text)
def test_search_page_answers_hostile_queries_cleanly(world, value):
    response = world["anonymous"].get(f"{en_reverse('search')}?{urlencode({'q': value})}")
    assert_clean(response, (200, 400), "search")
    assert_escaped(response, value, "search")


@pytest.mark.parametrize("feed", ["feed_agreements", "feed_meetings_ics", "feed_expiries_ics"])
@settings(FUZZ, max_examples=30)
@given(value=hostile_text)
def test_feeds_answer_any_lang_cleanly(world, feed, value):
    response = world["anonymous"].get(f"{en_reverse(feed)}?{urlencode({'lang': value})}")
    assert_clean(response, (200, 400), feed)


# --- The admin's add forms, posted as an editor ---------------------------------------------

# A valid first row per inline, which the fuzzed field then spoils (documents are left out:
# uploads have their own tests, tests/agreements/test_admin.py).
INLINE_ROWS = {
    "parties": lambda w: {"organization": w["org"].pk, "role": "party", "order": "0"},
    "signatories": lambda w: {"person": w["person"].pk, "order": "0"},
    "commitments": lambda w: {"text_en": "Train ten young scientists", "status": "planned", "order": "0"},
    "contact_points": lambda w: {"label_en": "Reception"},
}
FORM_BASE = {
    Agreement: lambda w: {
        "kind": "protocol",
        "title_ky": "Протокол",
        "title_ru": "Протокол",
        "title_en": "Protocol",
        "visibility": "public",
        "signed_on_precision": "day",
    },
    Organization: lambda w: {"name_en": "Kazakh National University", "kind": "university", "country": "KZ"},
}


ADMIN_FORMS = {}


def admin_form(model, editor):
    """The add form's fields and its inlines' prefixes and row fields, from the admin itself."""
    if model in ADMIN_FORMS:
        return ADMIN_FORMS[model]
    request = RequestFactory().get("/")
    request.user = editor
    model_admin = admin.site._registry[model]
    fields = list(model_admin.get_form(request).base_fields)
    autocomplete = set(model_admin.autocomplete_fields)
    inlines = {}
    for formset, inline in model_admin.get_formsets_with_inlines(request):
        prefix = formset.get_default_prefix()
        inlines[prefix] = [
            name for name in formset.form.base_fields if name not in ("id", "DELETE", formset.fk.name)
        ]
        autocomplete |= {f"{prefix}-0-{name}" for name in inline.autocomplete_fields}
    ADMIN_FORMS[model] = fields, inlines, autocomplete
    return ADMIN_FORMS[model]


def admin_post(model, world, inlines, field, value):
    data = FORM_BASE[model](world)
    prefix, _sep, inline_field = field.partition("-0-")
    for name in inlines:
        rows = []
        if inline_field and name == prefix:
            rows = [{**INLINE_ROWS.get(name, lambda w: {})(world), inline_field: value}]
        data |= {
            f"{name}-TOTAL_FORMS": str(len(rows)),
            f"{name}-INITIAL_FORMS": "0",
            f"{name}-MIN_NUM_FORMS": "0",
            f"{name}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data |= {f"{name}-{index}-{key}": item for key, item in row.items()}
    if not inline_field:
        data[field] = value
    return data


@pytest.mark.parametrize("model", [Agreement, Organization], ids=lambda model: model.__name__)
@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_admin_add_forms_refuse_hostile_values_cleanly(world, model, data):
    fields, inlines, _autocomplete = admin_form(model, world["editor"])
    fuzzable = fields + [
        f"{prefix}-0-{name}" for prefix, names in inlines.items() if prefix != "documents" for name in names
    ]
    field = data.draw(st.sampled_from(fuzzable), label="field")
    value = data.draw(hostile_text, label="value")
    url = en_reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    before = row_counts()
    response = world["editor_session"].post(url, admin_post(model, world, inlines, field, value))
    assert_clean(response, (200, 302), f"{url} {field}")
    if response.status_code == 200:  # the form again, with its errors: nothing saved
        assert "errornote" in response.content.decode()
        assert row_counts() == before
        assert_escaped(response, value, url)


# --- The API's create endpoints, as an editor's key -----------------------------------------


def api_payloads(w) -> dict[str, dict]:
    """A valid create body per resource (each would be saved as it is)."""
    return {
        "organizations": {"name_en": "Kazakh National University", "kind": "university", "country": "KZ"},
        "people": {"full_name_en": "Jane Roe", "orcid": "0000-0002-1825-0097"},
        "topics": {"slug": "smart-agriculture", "name_en": "Smart agriculture"},
        "agreements": {
            "kind": "memorandum",
            "title_en": "Memorandum on seismology",
            "signed_on": "2024-05-01",
            "visibility": "public",
            "topics": [w["topic"].pk],
            "parties": [{"organization": w["org"].pk, "role": "party"}],
            "signatories": [{"person": w["person"].pk, "organization": w["org"].pk, "position_en": "Rector"}],
        },
        "commissions": {"name_en": "Kyrgyz-Kazakh Commission", "countries": ["KG", "KZ"]},
        "meetings": {"commission": w["commission"].pk, "number": 9, "planned_year": 2027, "country": "CN"},
        "consortia": {"name_en": "Consortium of universities", "founding_agreement": w["agreement"].pk},
        "workstreams": {"consortium": w["consortium"].pk, "title_en": "Joint research", "lead": w["org"].pk},
        "labs": {"name_en": "Laboratory of ecology", "status": "operating", "host": w["org"].pk},
        "programmes": {"kind": "internship", "title_en": "Internships", "agreement": w["agreement"].pk},
        "indicators": {"name_en": "Scientists", "value": "128", "organization": w["org"].pk},
    }


def api_create_targets():
    targets = []
    for route in all_routes():
        viewset = getattr(route.callback, "cls", None)
        actions = getattr(route.callback, "actions", None) or {}
        if viewset and issubclass(viewset, PortalViewSet) and actions.get("post") == "create":
            url = en_reverse(route.name)
            fields = [
                name for name, field in viewset.serializer_class().fields.items() if not field.read_only
            ]
            targets.append(pytest.param(url, fields, id=url))
    return targets


API_CREATE_TARGETS = api_create_targets()


@pytest.mark.parametrize(("url", "fields"), API_CREATE_TARGETS)
@settings(FUZZ, max_examples=50)
@given(data=st.data())
def test_api_creates_refuse_hostile_values_cleanly(world, url, fields, data):
    resource = url.strip("/").rsplit("/", 1)[-1]
    payload = dict(api_payloads(world)[resource])  # a KeyError here: give the new resource a payload
    field = data.draw(st.sampled_from(fields), label="field")
    value = data.draw(json_values, label="value")
    nested = payload.get(field)
    if isinstance(nested, list) and nested and isinstance(nested[0], dict) and data.draw(st.booleans()):
        # Inside a nested row (a party, a signatory) rather than instead of the list.
        inner = data.draw(st.sampled_from(sorted(nested[0])), label="nested field")
        value = [{**nested[0], inner: value}]
    payload[field] = value
    before = row_counts()
    response = world["editor_key"].post(url, json.dumps(payload), content_type="application/json")
    assert_clean(response, (201, 400, 409), f"{url} {field}")
    if response.status_code != 201:
        assert row_counts() == before
        assert isinstance(response.json(), dict)


# --- Stored text is escaped wherever it is shown --------------------------------------------

SCRIPT_TITLE = "<script>alert(1)</script>"
IMG_SUMMARY = '"><img src=x onerror=alert(2)>'


@pytest.fixture
def scripted(world):
    agreement = factories.AgreementFactory(
        title_en=SCRIPT_TITLE, summary_en=IMG_SUMMARY, title_ru="", title_ky=""
    )
    factories.PartyFactory(
        agreement=agreement, organization=factories.OrganizationFactory(name_en=SCRIPT_TITLE)
    )
    return agreement


@pytest.mark.parametrize(
    "where",
    [
        "agreement page",
        "agreement list",
        "search",
        "organisation list",
        "home",
        "atom feed",
        "admin changelist",
    ],
)
def test_stored_markup_is_shown_escaped(world, scripted, where):
    urls = {
        "agreement page": en_reverse("agreements:agreement_detail", pk=scripted.pk),
        "agreement list": en_reverse("agreements:agreement_list"),
        "search": en_reverse("search") + "?q=alert",
        "organisation list": en_reverse("agreements:organization_list"),
        "home": en_reverse("home"),
        "atom feed": en_reverse("feed_agreements") + "?lang=en",
        "admin changelist": en_reverse("admin:agreements_agreement_changelist"),
    }
    client = world["editor_session"] if where == "admin changelist" else world["anonymous"]
    body = client.get(urls[where]).content.decode()
    assert SCRIPT_TITLE not in body
    assert "<img src=x" not in body
    # Escaped once in HTML (search marks the matched word inside it), twice in the feed's HTML summary.
    assert "&lt;script&gt;" in body or "&amp;lt;script&amp;gt;" in body


# --- Values that once made a 500, each pinned by its own test ---------------------------------


def test_admin_form_with_a_non_numeric_autocomplete_value_is_refused(world):
    fields, inlines, _autocomplete = admin_form(Agreement, world["editor"])
    post = admin_post(Agreement, world, inlines, "parent", "abc")
    before = row_counts()
    response = world["editor_session"].post(en_reverse("admin:agreements_agreement_add"), post)
    # The form again, saying which field is wrong, and nothing saved.
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert row_counts() == before


def test_api_refuses_an_orcid_that_is_not_digits(world):
    response = world["editor_key"].post(
        en_reverse("api:person-list"), {"full_name_en": "Jane Roe", "orcid": "abc"}, format="json"
    )
    assert response.status_code == 400
    assert "orcid" in response.json()
