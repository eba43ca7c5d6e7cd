"""The leak matrix (issue 5, item 4): every route of the portal, as every role, against DESIGN.md
section 6.

The world (tests/trust/leak_world.py) is built once for the module, in a transaction rolled back
after the last test: two public agreements, an internal and a confidential one, each hidden one
with a distinctive word in everything it owns, a document, a signer of its own, commitments (one
overdue), parties, a topic and an expiry within 180 days. Organisation X is party to the internal
agreement, Y to the confidential one, Z to nothing.

The cases (tests/trust/leak_routes.py) are generated from the URL patterns: every list with each
filter of its FilterSet, its exports and CSV; every detail route with the ids of the world's rows,
hidden ones included; search, home, feeds, document downloads, history pages, the API and the
admin. A route the generator does not know fails `test_every_route_is_in_the_matrix`, so a new
endpoint is covered, or left out on purpose with a reason.

Each case is requested as anonymous, partner key of X, of Y, of Z, staff and editor:
1. never a 5xx;
2. a hidden agreement the role may not see leaves no trace: not its word, not its id nor those of
   its documents, parties, signatories and commitments, not its PDF's bytes, not the name or id
   of the person who signed only it, anywhere, the people directory and search included;
3. a row of it named in the URL answers 404 (a filter naming it: 400, "not a valid choice"), and
   the answer is the same as for an id that no row has; in the admin, the same as a missing row;
4. where the role may see it, it is there, so the matrix cannot pass by showing nothing;
5. counts: the API `count` equals the rows returned, a list page's result count equals its rows,
   and on agreement lists both equal what the section 6 table gives for the filter.
The home page's figures (agreements per year, by partner country, expiring, overdue), the
agreement list's country choices and the people's signature counts are compared as numbers.

A partner key is an API credential (DESIGN.md section 8): pages, feeds and the admin ignore it,
so there a partner must read what anonymous reads.
"""

import json
import re

import pytest
from django.db import transaction
from django.test import override_settings
from rest_framework.test import APIClient

from tests import factories
from tests.portal.page_reading import chart_table
from tests.trust import leak_world
from tests.trust.leak_routes import (
    CASES,
    SKIPPED,
    UNKNOWN_ROUTES,
    Case,
    all_routes,
    body_of,
    en_reverse,
    exported_rows,
    html_counts,
    id_pattern,
    normalised,
    skipped,
    text_of,
)
from tests.trust.leak_world import (
    AGREEMENTS,
    HIDDEN,
    ID_OF,
    MEETING_ID,
    MISSING_ID,
    ORGS,
    PEOPLE,
    ROLES,
    TRACES,
    sees,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and a client per role, inside a transaction that each test of the module runs
    in (in its own savepoint) and that is rolled back after the last one."""
    media = tmp_path_factory.mktemp("leak-media")
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast_hashing):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = leak_world.build()
            built["clients"] = make_clients(built)
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def make_clients(built) -> dict[str, APIClient]:
    clients = {}
    for role in ROLES:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if role.startswith("partner_"):
            organization = built["orgs"][role.removeprefix("partner_")]
            key = factories.api_key(organization=organization, name=f"{role} key")
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        elif role in ("staff", "editor"):
            client.force_login(built[role])
        clients[role] = client
    return clients


def fill(url: str, world) -> str:
    return url.format(**world["placeholders"])


def send(world, role: str, case: Case, url: str | None = None):
    client = world["clients"][role]
    # The admin's "does not exist" message rides in a cookie to the next page; each case starts clean.
    client.cookies.pop("messages", None)
    url = fill(url or case.url, world)
    if case.method == "POST":
        return client.post(url, dict(case.data))
    return client.get(url)


def around(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 160) : end + 80].split())


# --- Exact counts from the section 6 table ------------------------------------------------------


def agreement_matches(spec, name: str, value: str) -> bool | None:
    """Whether an agreement filter (section 8) selects `spec`; None where this test has no rule."""
    org_key = {str(pk): key for key, (pk, _country, _name) in ORGS.items()}.get(value)
    rules = {
        "": lambda: True,
        "ordering": lambda: True,
        "q": lambda: value in spec.words,
        "id": lambda: str(spec.id) in value.split(","),
        "kind": lambda: spec.kind == value,
        "status": lambda: value == "in_force",  # every agreement of the world is in force
        "visibility": lambda: spec.visibility == value,
        "country": lambda: value in spec.countries,
        "organization": lambda: org_key in spec.parties,
        "topic": lambda: value in spec.topics,
        "year": lambda: str(spec.signed_on.year) == value,
        "signed_after": lambda: str(spec.signed_on) >= value,
        "signed_before": lambda: str(spec.signed_on) <= value,
        "parent": lambda: spec.parent is not None and str(ID_OF[spec.parent]) == value,
        "meeting": lambda: spec.at_meeting and value == str(MEETING_ID),
    }
    rule = rules.get(name)
    return None if rule is None else rule()


def expected_agreements(case: Case, role: str) -> set[str] | None:
    name, value = case.agreement_filter
    found = set()
    for key, spec in AGREEMENTS.items():
        matches = agreement_matches(spec, name, value)
        if matches is None:
            return None
        if matches and sees(role, key, api=case.surface == "api"):
            found.add(key)
    return found


def expected_people(case: Case, role: str) -> int | None:
    name, value = case.person_filter
    api = case.surface == "api"
    if name in ("", "ordering", "id"):
        # Listed: whoever signed an agreement the role may see, or signed nothing at all.
        signers = {spec.signer for spec in AGREEMENTS.values()}
        seen = {spec.signer for key, spec in AGREEMENTS.items() if sees(role, key, api=api)}
        return len(seen | (set(PEOPLE) - signers))
    if name == "q":
        return 0  # no one's name holds the searched word
    if name == "organization":
        # Signed, for that organisation, an agreement the role may see.
        return len(
            {
                spec.signer
                for key, spec in AGREEMENTS.items()
                if sees(role, key, api=api) and str(ORGS[PEOPLE[spec.signer][2]][0]) == value
            }
        )
    return None


# --- The matrix ----------------------------------------------------------------------------------


def test_every_route_is_in_the_matrix():
    unknown = [f"{route.pattern} ({route.name or 'unnamed'})" for route in UNKNOWN_ROUTES]
    assert not unknown, (
        "routes the leak matrix does not know; add them to leak_routes.cases_for or SKIPPED:\n"
        + ("\n".join(unknown))
    )
    covered = {case.route for case in CASES}
    missing = [route.pattern for route in all_routes() if not skipped(route) and route.pattern not in covered]
    assert not missing, missing
    routes = {route.pattern for route in all_routes()} | {route.name for route in all_routes()}
    stale = [key for key in SKIPPED if key not in routes and key != "unnamed RedirectView"]
    assert not stale, f"SKIPPED names routes that no longer exist: {stale}"


def test_the_matrix_is_not_trivial(record_property, capsys):
    assert {case.surface for case in CASES} == {"page", "api", "feed", "admin"}
    assert sum(case.addressed is not None for case in CASES) >= 40
    assert sum(case.kind == "export" for case in CASES) >= 30
    record_property("leak_matrix_paths", len(CASES))
    record_property("leak_matrix_requests", len(CASES) * len(ROLES))
    with capsys.disabled():
        print(f"\nleak matrix: {len(CASES)} paths x {len(ROLES)} roles = {len(CASES) * len(ROLES)} requests")


def matrix_params():
    for case in CASES:
        for role in ROLES:
            yield pytest.param(case, role, id=f"{case.id}-{role}")


@pytest.mark.parametrize(("case", "role"), list(matrix_params()))
def test_leak_matrix(world, case, role):
    response = send(world, role, case)
    raw = body_of(response)
    assert response.status_code < 500, raw[:3000]
    text = text_of(response, raw)
    api = case.surface == "api"

    # 2. Nothing of a hidden agreement the role may not see. Ids that the URL holds were typed by
    #    the caller (a page may repeat them) and tell nothing.
    typed = {int(number) for number in re.findall(r"(?<!\d)\d{7}(?!\d)", fill(case.url, world))}
    for key, trace in TRACES.items():
        if sees(role, key, api):
            continue
        at = text.find(trace.word)
        assert at < 0, (
            f"{trace.word!r} of the {key} agreement leaks: …{around(text, at, at + len(trace.word))}…"
        )
        for pk in set(trace.ids) - typed:
            found = id_pattern(pk).search(text)
            assert not found, f"id {pk} of the {key} agreement leaks: …{around(text, *found.span())}…"
        assert trace.pdf not in raw, f"the document of the {key} agreement leaks"
        at = text.find(trace.person)
        assert at < 0, f"{trace.person}, signer of the {key} agreement only, leaks: …{around(text, at, at)}…"
        if trace.person_id not in typed:
            assert not id_pattern(trace.person_id).search(text), f"{trace.person}'s id leaks"

    # 3. A row of a hidden agreement named in the URL: as if it did not exist.
    if case.addressed and not sees(role, case.addressed, api):
        if case.surface != "admin":
            assert response.status_code == (400 if case.kind in ("list", "export") else 404)
        missing = send(world, role, case, case.missing_url)
        assert response.status_code == missing.status_code, "answers otherwise than for a missing row"
        missing_text = text_of(missing, body_of(missing))
        assert normalised(text, case.own_id) == normalised(missing_text, MISSING_ID), (
            "differs from a missing row"
        )

    # 4. What the role may see is there.
    if response.status_code == 200:
        for key in case.shows:
            if not sees(role, key, api):
                continue
            if case.kind == "download":
                assert raw == TRACES[key].pdf
            else:
                assert AGREEMENTS[key].mark in text, f"the {key} agreement is missing"

    # 5. Counts.
    if response.status_code == 200 and case.method == "GET":
        check_counts(case, role, response, raw, text)


def check_counts(case: Case, role: str, response, raw: bytes, text: str):
    expected = expected_agreements(case, role) if case.agreement_filter else None
    people = expected_people(case, role) if case.person_filter else None
    is_json = "json" in response.get("Content-Type", "")
    if case.surface == "api" and case.kind == "list" and is_json:
        body = json.loads(raw)
        assert body["count"] == len(body["results"]), "the count differs from the rows returned"
        if expected is not None:
            assert {row["id"] for row in body["results"]} == {ID_OF[key] for key in expected}
        if people is not None:
            assert body["count"] == people
    elif case.surface == "page" and case.kind == "list" and case.model is not None:
        stated, rows = html_counts(text)
        assert stated == rows, f"the page states {stated} results and shows {rows} rows"
        if expected is not None:
            assert stated == len(expected)
            for key in set(expected) & set(HIDDEN):
                assert AGREEMENTS[key].mark in text, f"the {key} agreement is missing"
        if people is not None:
            assert stated == people
    elif case.surface == "page" and case.model is None and expected is not None:
        # Site search: the agreements' group counts only what the role may see.
        found = re.search(r'href="#results-agreements">[^<]*</a> <span class="search-count">(\d+)<', text)
        assert (int(found.group(1)) if found else 0) == len(expected)
    elif case.kind == "export" and case.surface != "admin" and expected is not None:
        header, *rows = exported_rows(response, raw)
        column = header.index("ID" if "ID" in header else "id")
        assert {int(row[column]) for row in rows} == {ID_OF[key] for key in expected}


# --- Figures, facets and counts shown as numbers ------------------------------------------------


def visible_on_pages(role: str):
    return [spec for key, spec in AGREEMENTS.items() if sees(role, key, api=False)]


def section_rows(text: str, title_id: str) -> int:
    section = text.split(f'id="{title_id}"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in section else ""
    return len(re.findall(r"<tr[\s>]", body))


@pytest.mark.parametrize("role", ROLES)
def test_home_figures_count_only_what_the_role_may_see(world, role):
    text = world["clients"][role].get(en_reverse("home")).content.decode()
    visible = visible_on_pages(role)

    years = [spec.signed_on.year for spec in visible]
    per_year = {str(year): years.count(year) for year in range(min(years), max(years) + 1)}
    assert chart_table(text, "chart-years") == per_year

    names = {"CN": "China", "IS": "Iceland", "NZ": "New Zealand"}
    per_country = {}
    for spec in visible:
        for country in spec.countries - {"KG"}:
            per_country[names[country]] = per_country.get(names[country], 0) + 1
    assert chart_table(text, "chart-countries") == per_country

    assert section_rows(text, "expiring-title") == sum(spec.expires_in_days is not None for spec in visible)
    assert section_rows(text, "overdue-title") == len(visible)  # one overdue commitment each


@pytest.mark.parametrize("role", ROLES)
def test_agreement_list_offers_only_the_countries_of_visible_parties(world, role):
    text = world["clients"][role].get(en_reverse("agreements:agreement_list")).content.decode()
    select = re.search(r'<select name="country"[^>]*>(.*?)</select>', text, re.S).group(1)
    offered = set(re.findall(r'<option value="([A-Z]{2})"', select))
    assert offered == {country for spec in visible_on_pages(role) for country in spec.countries}


@pytest.mark.parametrize("role", ROLES)
def test_people_list_counts_only_visible_signatures(world, role):
    response = world["clients"][role].get(en_reverse("agreements:person_list") + "?export=csv")
    header, *rows = exported_rows(response, body_of(response))
    signed = {int(row[header.index("ID")]): int(row[header.index("Agreements signed")]) for row in rows}
    visible = visible_on_pages(role)
    for key, (pk, _name, _org) in PEOPLE.items():
        count = sum(spec.signer == key for spec in visible)
        # Someone who signed only what the role may not see is not listed at all.
        assert signed.get(pk) == (count or None), key


# --- The people directory -------------------------------------------------------------------

CONFIDENTIAL_SIGNER_ID, CONFIDENTIAL_SIGNER, _ = PEOPLE["confidential"]
DIRECTORY = {
    "page list": lambda: en_reverse("agreements:person_list"),
    "page detail": lambda: en_reverse("agreements:person_detail", pk=CONFIDENTIAL_SIGNER_ID),
    "api list": lambda: en_reverse("api:person-list") + "?limit=500",
    "api detail": lambda: en_reverse("api:person-detail", pk=CONFIDENTIAL_SIGNER_ID),
}


@pytest.mark.parametrize("role", ["anonymous", "partner_x", "staff"])
@pytest.mark.parametrize("where", DIRECTORY)
def test_person_known_only_from_a_confidential_agreement_is_not_listed(world, role, where):
    response = world["clients"][role].get(DIRECTORY[where]())
    assert CONFIDENTIAL_SIGNER not in response.content.decode()
    if where.endswith("detail"):
        assert response.status_code == 404


@pytest.mark.parametrize("where", DIRECTORY)
def test_an_editor_finds_the_person_who_signed_a_confidential_agreement(world, where):
    response = world["clients"]["editor"].get(DIRECTORY[where]())
    assert CONFIDENTIAL_SIGNER in response.content.decode()
