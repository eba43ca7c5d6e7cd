"""Pages that span both apps: the home dashboard, and the health probes."""

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from portal.core.middleware import log_unavailable, unavailable_response
from portal.dashboard_cache import cached_dashboard

logger = logging.getLogger("portal.database")


@never_cache
def healthz(request):
    """The process is alive. Touches no database, so a PostgreSQL restart never marks a worker dead."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready for traffic: the database answers and every migration on disk is applied.

    Answers 503 with a plain reason otherwise, never 500, so a load balancer can hold traffic
    back during an outage or while a deploy's migrations are still running.
    """
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        log_unavailable(request, exc)
        return unavailable_response()
    if pending:
        logger.warning("Not ready, answered 503: %d migrations pending", len(pending))
        response = HttpResponse(f"{len(pending)} migrations pending\n", status=503, content_type="text/plain")
        response["Retry-After"] = "30"
        return response
    return JsonResponse({"status": "ready"})


def home(request):
    # The figures come from the cache per visibility scope and language (portal/dashboard_cache.py).
    return render(request, "home.html", cached_dashboard(request.user))
