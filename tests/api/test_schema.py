"""The OpenAPI schema validates without warnings and documents every parameter, error and the
key scheme; the docs page loads only the portal's own assets under its strict CSP.
"""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from agreements.api import views as agreement_views
from consortium.api import views as consortium_views

pytestmark = pytest.mark.django_db

VIEWSETS = {
    "/api/v1/organizations/": agreement_views.OrganizationViewSet,
    "/api/v1/people/": agreement_views.PersonViewSet,
    "/api/v1/topics/": agreement_views.TopicViewSet,
    "/api/v1/agreements/": agreement_views.AgreementViewSet,
    "/api/v1/commissions/": agreement_views.CommissionViewSet,
    "/api/v1/meetings/": agreement_views.MeetingViewSet,
    "/api/v1/consortia/": consortium_views.ConsortiumViewSet,
    "/api/v1/workstreams/": consortium_views.WorkstreamViewSet,
    "/api/v1/labs/": consortium_views.JointLabViewSet,
    "/api/v1/programmes/": consortium_views.ProgrammeViewSet,
    "/api/v1/indicators/": consortium_views.IndicatorViewSet,
}


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates_without_warnings(tmp_path):
    out = io.StringIO()
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"), stdout=out
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3.")


def test_every_resource_has_list_detail_and_writes(schema):
    for path in VIEWSETS:
        assert set(schema["paths"][path]) == {"get", "post"}
        assert set(schema["paths"][path + "{id}/"]) == {"get", "put", "patch", "delete"}


def test_every_filter_of_the_shared_filtersets_is_documented(schema):
    for path, viewset in VIEWSETS.items():
        documented = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        expected = set(viewset.filterset_class.base_filters) | {"limit", "offset", "lang", "format"}
        assert expected <= documented, (path, expected - documented)


def test_every_operation_documents_its_errors_and_who_may_call_it(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = set(operation["responses"])
            assert {"400", "401", "429"} <= responses, (method, path)
            if method != "get":
                assert {"403", "413", "415"} <= responses, (method, path)
            if "{id}" in path:
                assert "404" in responses, (method, path)
            auth = operation["security"]
            assert {"ApiKeyAuth": []} in auth
            assert ({} in auth) == (method == "get"), (method, path)  # reads need no credentials


def test_the_key_scheme_is_documented(schema):
    scheme = schema["components"]["securitySchemes"]["ApiKeyAuth"]
    assert scheme["type"] == "apiKey" and scheme["in"] == "header" and scheme["name"] == "Authorization"
    assert "Api-Key" in scheme["description"]


def test_csv_is_documented_as_text(schema):
    content = schema["paths"]["/api/v1/agreements/"]["get"]["responses"]["200"]["content"]
    assert content["text/csv"]["schema"]["type"] == "string"


def test_the_schema_is_served(api_anonymous):
    response = api_anonymous.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_the_docs_page_uses_only_local_assets_and_no_inline_script(api_anonymous):
    response = api_anonymous.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the docs page names another host"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for asset in re.findall(r'(?:src|href)="/static/([^"?]+)"', html):
        assert finders.find(asset), asset
    script_url = re.search(r'<script src="(/api/v1/docs/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    script = api_anonymous.get(script_url)
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
