"""Pages that span both apps: the home dashboard, and the health probes."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from portal.dashboard import dashboard


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # any database error means "not ready"; the probe must not 500
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if pending:
        return HttpResponse("migrations pending", status=503, content_type="text/plain")
    return JsonResponse({"status": "ready"})


def home(request):
    return render(request, "home.html", dashboard(request.user))
