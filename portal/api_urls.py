"""/api/v1/ (DESIGN.md section 8): the resources of both apps, the schema and its docs."""

from django.http import JsonResponse
from django.urls import include, path, re_path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view
from rest_framework.response import Response

app_name = "api"

# The docs page keeps script-src 'self' (its start-up script is a separate file, the split view);
# Swagger UI sets inline style attributes, which only this page allows.
DOCS_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


RESOURCES = (
    ("organizations", "api:organization-list"),
    ("people", "api:person-list"),
    ("topics", "api:topic-list"),
    ("agreements", "api:agreement-list"),
    ("commissions", "api:commission-list"),
    ("meetings", "api:meeting-list"),
    ("consortia", "api:consortium-list"),
    ("workstreams", "api:workstream-list"),
    ("labs", "api:lab-list"),
    ("programmes", "api:programme-list"),
    ("indicators", "api:indicator-list"),
    ("schema", "api:schema"),
    ("docs", "api:docs"),
)


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request):
    return Response({name: request.build_absolute_uri(reverse(view)) for name, view in RESOURCES})


@csrf_exempt  # it answers 404 to every method; there is nothing to protect
def not_found(request, path=""):
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    path("", api_root, name="root"),
    path("", include("agreements.api.urls")),
    path("", include("consortium.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        csp_override(DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    re_path(r"^(?P<path>.*)$", not_found),
]
