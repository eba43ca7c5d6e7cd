"""The cases of the leak matrix (tests/trust/test_leak_matrix.py), generated from the URL patterns.

`get_resolver()` is walked once; each route is classified by its view and turned into cases:
- an HTML list (`FilteredListView`) or API list (`PortalViewSet` list): unfiltered, exported
  (CSV and XLSX; `?format=csv`), and once per filter of its FilterSet with values that touch the
  hidden rows (every value on the agreement lists; one telling value elsewhere);
- a detail route (page, API, document download, history, admin change/history/delete): with
  the ids of the world's rows, hidden ones included, each hidden one paired with an id that no
  row has;
- search, home, feeds, the admin's autocomplete, export and `view_on_site`, the probes.
A route the classifier does not know is returned in `UNKNOWN_ROUTES`, which the coverage test
reports; `SKIPPED` names the routes left out on purpose, with the reason.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.views.generic import RedirectView
from django_filters import (
    BooleanFilter,
    CharFilter,
    ChoiceFilter,
    DateFilter,
    ModelChoiceFilter,
    ModelMultipleChoiceFilter,
    NumberFilter,
    OrderingFilter,
)
from django_filters.filters import BaseInFilter
from import_export.admin import ExportMixin
from openpyxl import load_workbook

from agreements.models import Agreement, Commitment, Document, Party, Person, Signatory
from portal.core.api import PortalViewSet
from portal.core.views import FilteredListView, VisibleDetailView
from tests.trust.leak_world import (
    AGREEMENTS,
    CONF_MARK,
    HIDDEN,
    ID_OF,
    INT_MARK,
    MISSING_ID,
    ORGS,
    PEOPLE,
    SEARCH_WORD,
    TOPIC_SLUG,
    rows_of,
)

# Models whose rows follow an agreement's visibility: their admin pages are tried with every row.
AGREEMENT_FAMILY = (Agreement, Party, Signatory, Document, Commitment)

# Routes left out on purpose.
SKIPPED = {
    "admin/(?P<url>.*)$": "the admin's catch-all: a redirect or 404 for any unknown admin path",
    "api/v1/^(?P<path>.*)$": "the API's catch-all 404 (one explicit case in build_cases)",
    "admin:logout": "logs the client out (POST only) and would end the roles' sessions",
    "admin:password_change": "the signed-in user's own password form, no domain data",
    "admin:password_change_done": "a static confirmation page",
    "set_language": "sets the language cookie and redirects, no domain data",
    "unnamed RedirectView": "the admin's `<object_id>/`, which redirects to `<object_id>/change/` for any id",
}


@dataclass(frozen=True)
class Case:
    id: str  # what the test report shows
    url: str  # may hold {event_*} / {ct_*} placeholders, filled from the world
    route: str  # the URL pattern, for the coverage test
    surface: str  # page, api, feed, admin
    kind: str  # list, export, detail, download, history, other
    method: str = "GET"
    data: tuple = ()  # a POST body as pairs
    model: type | None = None
    addressed: str | None = None  # the hidden agreement whose row the URL names (detail, filter)
    own_id: int | None = None  # that row's id, as the URL gives it
    missing_url: str | None = None  # the same URL with an id that no row has
    agreement_filter: tuple[str, str] | None = None  # (filter, value) of an agreement list
    person_filter: tuple[str, str] | None = None  # (filter, value) of a people list
    shows: tuple[str, ...] = ()  # hidden agreements that must appear to a role that may see them


@dataclass
class Route:
    pattern: str
    name: str
    callback: object
    params: tuple[str, ...]


def en_reverse(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def walk(patterns=None, prefix="", namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".strip(":") if entry.name else ""
            yield Route(
                prefix + str(entry.pattern), name, entry.callback, tuple(entry.pattern.regex.groupindex)
            )


def skipped(route: Route) -> bool:
    if not route.name and getattr(route.callback, "view_class", None) is RedirectView:
        return True
    return route.pattern in SKIPPED or route.name in SKIPPED


# --- Lists ----------------------------------------------------------------------------------


def filter_values(name, filter_, model) -> list[tuple[str, str | None]]:
    """Values of one filter that touch the hidden rows, as [(value, hidden agreement it names)].

    Agreement lists get every value; other lists one telling value per filter (an organisation
    party only to a hidden agreement, the word of the confidential one)."""
    full = model is Agreement
    if name == "q":
        return [(SEARCH_WORD, None), (CONF_MARK.lower(), None), (INT_MARK.lower(), None)][: 3 if full else 1]
    if isinstance(filter_, OrderingFilter):
        first = next(iter(filter_.param_map))
        return [(f"-{first}", None), (first, None)][: 2 if full else 1]
    if isinstance(filter_, BaseInFilter):
        return [(",".join(str(pk) for pk, _hidden in rows_of(model)), None)]
    if isinstance(filter_, ModelChoiceFilter | ModelMultipleChoiceFilter):
        related = filter_.queryset.model
        if filter_.extra.get("to_field_name") == "slug":
            return [(TOPIC_SLUG, None)]
        values = [(str(pk), hidden) for pk, hidden in rows_of(related)]
        return values if related is Agreement else values[: 4 if full else 2]
    if isinstance(filter_, ChoiceFilter):
        choices = filter_.extra.get("choices")
        choices = choices() if callable(choices) else choices
        values = [str(value) for value, _label in choices if value != ""]
        if len(values) > 20:  # countries: those of the world's organisations
            values = [ORGS[key][1] for key in ("y", "x", "z", "p", "home")]
        return [(value, None) for value in values[: None if full else 1]]
    if isinstance(filter_, DateFilter):
        return [(str(AGREEMENTS[key].signed_on), None) for key in HIDDEN][: 2 if full else 1]
    if isinstance(filter_, NumberFilter):
        return [(str(AGREEMENTS[key].signed_on.year), None) for key in HIDDEN][: 2 if full else 1]
    if isinstance(filter_, BooleanFilter):
        return [("true", None)]
    if isinstance(filter_, CharFilter):  # e.g. a topic's slug
        return [(TOPIC_SLUG, None)]
    raise AssertionError(f"the leak matrix has no values for filter {name!r} ({type(filter_).__name__})")


def list_cases(route: Route, surface: str, filterset_class, model) -> list[Case]:
    base = en_reverse(route.name)
    api_page = "limit=500&" if surface == "api" else ""
    exports = ("format=csv",) if surface == "api" else ("export=csv", "export=xlsx")
    agreements = model is Agreement
    queries = [("", "", None)]
    for name, filter_ in filterset_class.base_filters.items():
        queries += [(name, value, hidden) for value, hidden in filter_values(name, filter_, model)]
    cases = []
    for name, value, hidden in queries:
        query = f"{name}={value}" if name else ""
        variants = [(query, "list")]
        # Exports of every list unfiltered, and of the agreement lists searched too.
        if not name or (agreements and name == "q" and value == SEARCH_WORD):
            variants += [("&".join(part for part in (query, export) if part), "export") for export in exports]
        for variant, kind in variants:
            missing = None
            if hidden is not None:
                missing = f"{base}?{api_page}{variant.replace(f'{name}={value}', f'{name}={MISSING_ID}')}"
            cases.append(
                Case(
                    f"{base}?{variant}".rstrip("?"),
                    f"{base}?{api_page}{variant}".rstrip("?&"),
                    route.pattern,
                    surface,
                    kind,
                    model=model,
                    addressed=hidden,
                    own_id=int(value) if hidden else None,
                    missing_url=missing,
                    agreement_filter=(name, value) if agreements else None,
                    person_filter=(name, value) if model is Person else None,
                    shows=HIDDEN if agreements and not name else (),
                )
            )
    return cases


# --- Details --------------------------------------------------------------------------------


def detail_cases(route: Route, surface: str, kind: str, model, rows=None) -> list[Case]:
    (param,) = route.params
    cases = []
    for pk, hidden in rows_of(model) if rows is None else rows:
        url = en_reverse(route.name, **{param: pk})
        shows = (hidden,) if hidden and (model is Agreement or kind == "download") else ()
        cases.append(
            Case(
                url,
                url,
                route.pattern,
                surface,
                kind,
                model=model,
                addressed=hidden,
                own_id=pk,
                missing_url=en_reverse(route.name, **{param: MISSING_ID}) if hidden else None,
                shows=shows,
            )
        )
    return cases


# --- The admin ------------------------------------------------------------------------------


def admin_rows(model):
    # The rows of the agreements' family all (hidden and public, which may link to a hidden one);
    # of other models the one that touches hidden data.
    rows = rows_of(model)
    return rows if model in AGREEMENT_FAMILY else rows[:1]


def admin_model_cases(route: Route, model_admin) -> list[Case]:
    model = model_admin.model
    suffix = route.name.rsplit("_", 1)[-1]
    url = en_reverse(route.name) if not route.params else None
    if suffix == "changelist":
        shows = HIDDEN if model is Agreement else ()
        cases = [Case(url, url, route.pattern, "admin", "list", model=model, shows=shows)]
        if model in AGREEMENT_FAMILY:
            searched = f"{url}?q={SEARCH_WORD}"
            cases.append(Case(searched, searched, route.pattern, "admin", "list", model=model, shows=shows))
        return cases
    if suffix in ("add", "import"):  # the add form, the import form and its processing step
        return [Case(url, url, route.pattern, "admin", "other", model=model)]
    if suffix == "export":
        cases = [Case(url, url, route.pattern, "admin", "other", model=model)]
        if isinstance(model_admin, ExportMixin):
            cases.append(admin_export_case(route, model_admin))
        return cases
    if suffix in ("change", "history", "delete"):
        return detail_cases(route, "admin", "detail", model, rows=admin_rows(model))
    if suffix == "restore":
        cases = []
        for key, spec in AGREEMENTS.items():
            url = en_reverse(route.name, object_id=spec.id, event_id=MISSING_ID)
            url = url.replace(f"/{MISSING_ID}/", f"/{{event_{key}}}/")
            hidden = key if key in HIDDEN else None
            missing = url.replace(f"/{spec.id}/", f"/{MISSING_ID}/") if hidden else None
            cases.append(
                Case(
                    url,
                    url,
                    route.pattern,
                    "admin",
                    "detail",
                    model=model,
                    addressed=hidden,
                    own_id=spec.id,
                    missing_url=missing,
                )
            )
        return cases
    return None


def admin_export_case(route: Route, model_admin) -> Case:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    resource_class = model_admin.get_export_resource_classes(request)[0]
    prefix = resource_class.__name__.lower()
    columns = resource_class().get_export_order()
    data = (("resource", "0"), ("format", "0"), *((f"{prefix}_{column}", "on") for column in columns))
    url = en_reverse(route.name)
    model = model_admin.model
    return Case(
        f"POST {url}",
        url,
        route.pattern,
        "admin",
        "export",
        method="POST",
        data=data,
        model=model,
        shows=HIDDEN if model is Agreement else (),
    )


def autocomplete_cases(route: Route) -> list[Case]:
    url = en_reverse(route.name)
    sources = set()
    for model, model_admin in admin.site._registry.items():
        sources |= {(model, name) for name in model_admin.autocomplete_fields}
        for inline in model_admin.inlines:
            sources |= {(inline.model, name) for name in inline.autocomplete_fields}
    cases = []
    for model, name in sorted(sources, key=lambda source: (source[0]._meta.label, source[1])):
        related = model._meta.get_field(name).related_model
        for term in ("", SEARCH_WORD) if related is Agreement else ("",):
            query = (
                f"app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={name}&term={term}"
            )
            cases.append(
                Case(
                    f"{url}?{query}",
                    f"{url}?{query}",
                    route.pattern,
                    "admin",
                    "list",
                    model=related,
                )
            )
    return cases


def view_on_site_cases(route: Route) -> list[Case]:
    cases = []
    for name, model in (("agreement", Agreement), ("document", Document)):
        for pk, hidden in admin_rows(model):
            url = f"/admin/r/{{ct_{name}}}/{pk}/"
            missing = f"/admin/r/{{ct_{name}}}/{MISSING_ID}/" if hidden else None
            cases.append(
                Case(
                    url,
                    url,
                    route.pattern,
                    "admin",
                    "detail",
                    model=model,
                    addressed=hidden,
                    own_id=pk,
                    missing_url=missing,
                )
            )
    return cases


def model_admin_of(route: Route):
    """The ModelAdmin a route belongs to: the attribute Django's own admin URLs carry, or, for
    URLs a mixin adds (import, export, restore), the `admin:<app>_<model>_...` name."""
    model_admin = getattr(route.callback, "model_admin", None)
    if model_admin is not None:
        return model_admin
    for model, candidate in admin.site._registry.items():
        if route.name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return candidate
    return None


def admin_cases(route: Route) -> list[Case] | None:
    model_admin = model_admin_of(route)
    if model_admin is not None:
        return admin_model_cases(route, model_admin)
    if route.name == "admin:autocomplete":
        return autocomplete_cases(route)
    if route.name == "admin:view_on_site":
        return view_on_site_cases(route)
    if route.name == "admin:app_list":
        labels = sorted({model._meta.app_label for model in admin.site._registry})
        urls = [en_reverse(route.name, app_label=label) for label in labels]
        return [Case(url, url, route.pattern, "admin", "other") for url in urls]
    if route.name in ("admin:index", "admin:login", "admin:jsi18n"):
        url = en_reverse(route.name)
        return [Case(url, url, route.pattern, "admin", "other")]
    return None


# --- Everything else ------------------------------------------------------------------------


def search_cases(route: Route) -> list[Case]:
    url = en_reverse(route.name)
    queries = [
        (SEARCH_WORD, HIDDEN),
        (CONF_MARK.lower(), ("confidential",)),
        (INT_MARK.lower(), ("internal",)),
    ]
    queries.append((ORGS["y"][2].split()[-1].lower(), ()))  # Y, party only to the confidential one
    cases = [
        Case(
            f"{url}?q={q}",
            f"{url}?q={q}",
            route.pattern,
            "page",
            "list",
            agreement_filter=("q", q),
            shows=shows,
        )
        for q, shows in queries
    ]
    for _pk, name, _org in PEOPLE.values():
        q = name.split()[-1].lower()
        cases.append(Case(f"{url}?q={q}", f"{url}?q={q}", route.pattern, "page", "list"))
    return cases


def cases_for(route: Route) -> list[Case] | None:
    """The cases of one route, or None when the classifier does not know it."""
    if skipped(route):
        return []
    callback = route.callback
    if route.name.startswith("admin:"):
        return admin_cases(route)
    view_class = getattr(callback, "view_class", None)
    viewset = getattr(callback, "cls", None)
    action = (getattr(callback, "actions", None) or {}).get("get")
    if view_class and issubclass(view_class, FilteredListView):
        return list_cases(route, "page", view_class.filterset_class, view_class.model)
    if view_class and issubclass(view_class, VisibleDetailView):
        return detail_cases(
            route, "page", "history" if route.name.endswith("_history") else "detail", view_class.model
        )
    if viewset and issubclass(viewset, PortalViewSet) and action == "list":
        return list_cases(route, "api", viewset.filterset_class, viewset.queryset.model)
    if viewset and issubclass(viewset, PortalViewSet) and action == "retrieve":
        return detail_cases(route, "api", "detail", viewset.queryset.model)
    if route.name == "agreements:document_download":
        return detail_cases(route, "page", "download", Document)
    if route.name == "search":
        return search_cases(route)
    if route.name == "home":
        url = en_reverse(route.name)
        return [Case(url, url, route.pattern, "page", "other", shows=HIDDEN)]
    if route.name.startswith("feed_"):
        url = en_reverse(route.name)
        shows = HIDDEN if route.name in ("feed_agreements", "feed_expiries_ics") else ()
        return [
            Case(f"{url}{query}", f"{url}{query}", route.pattern, "feed", "list", shows=shows)
            for query in ("", "?lang=ru")
        ]
    if route.name in ("healthz", "readyz", "api:root", "api:schema", "api:docs"):
        url = en_reverse(route.name)
        return [Case(url, url, route.pattern, "api" if route.name.startswith("api:") else "page", "other")]
    return None


def all_routes() -> list[Route]:
    return list(walk())


def build_cases() -> tuple[list[Case], list[Route]]:
    cases, unknown = [], []
    for route in all_routes():
        found = cases_for(route)
        if found is None:
            unknown.append(route)
        else:
            cases += found
    # The API's catch-all, with a hidden agreement's id in the path.
    url = f"/api/v1/agreements/{ID_OF['confidential']}/parties/"
    cases.append(Case(url, url, "api/v1/^(?P<path>.*)$", "api", "other"))
    return cases, unknown


CASES, UNKNOWN_ROUTES = build_cases()


# --- Reading an answer ----------------------------------------------------------------------


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text_of(response, raw: bytes) -> str:
    """The answer as a reader sees it: headers, then the body (XLSX unpacked, iCalendar unfolded)."""
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        book = load_workbook(io.BytesIO(raw), read_only=True)
        text = "\n".join(
            "\t".join("" if cell is None else str(cell) for cell in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    else:
        text = raw.decode("utf-8", errors="replace")
        if "text/calendar" in content_type:
            text = text.replace("\r\n ", "").replace("\n ", "")
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return f"{headers}\n\n{text}"


def exported_rows(response, raw: bytes) -> list[list[str]]:
    if "spreadsheetml" in response.get("Content-Type", ""):
        sheet = load_workbook(io.BytesIO(raw), read_only=True).active
        return [
            ["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)
        ]
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


RESULT_COUNT = re.compile(r'<p class="result-count" role="status">\s*([\d,.\u00a0\u202f ]+?) result')


def html_counts(text: str) -> tuple[int | None, int]:
    """(the result count a list page states, the rows of its table)."""
    found = RESULT_COUNT.search(text)
    stated = int(re.sub(r"\D", "", found.group(1))) if found else None
    table = re.search(r'<table class="data-table[^"]*">.*?<tbody>(.*?)</tbody>', text, re.S)
    return stated, len(re.findall(r"<tr[\s>]", table.group(1))) if table else 0


def id_pattern(pk: int) -> re.Pattern:
    # Not part of a longer number, nor the fraction of a timestamp.
    return re.compile(rf"(?<![\d.]){pk}(?!\d)")


def normalised(text: str, own: int) -> str:
    """An answer with the id it was asked about replaced, and what differs per request removed."""
    text = id_pattern(own).sub("<ID>", text)
    text = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", text)
    return re.sub(
        r"(?im)^(date|expires|etag|last-modified|set-cookie|content-length|x-request-id): .*$", "", text
    )
