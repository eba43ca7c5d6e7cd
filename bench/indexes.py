"""What the list and search requests that the indexes are for take, in the process, alone.

For each request: the median time of the whole request (Django test client, production-like
settings, one request at a time), and for each of its queries over the portal's tables the
planning + execution time PostgreSQL reports (the best of three EXPLAIN ANALYZE of the exact SQL
the request sent) and the indexes its plan reads, or "Seq Scan <table>" where it reads a table.

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/indexes.py [--repeat 7]

Needs a database with generated data, vacuumed and analysed (`manage.py generate_data
--agreements 100000 --seed 1`, then `VACUUM ANALYZE`), as bench/README.md describes. It does not
write. Not part of `make test`.
"""

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.in_process import setup_django  # noqa: E402

setup_django("testserver")

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agreements.models import Party, Signatory  # noqa: E402


def busiest_organization() -> int:
    """The organisation that is a party to the most agreements (`?organization=`)."""
    row = Party.objects.values("organization").annotate(n=Count("pk")).order_by("-n", "organization")[0]
    return row["organization"]


def signatory_name() -> str:
    """A signatory's full name, the same one on every run of the same data (`--seed 1`)."""
    signatory = Signatory.objects.select_related("person").order_by("id")[0]
    return signatory.person.full_name_ky


def requests_to_time():
    organization = busiest_organization()
    name = signatory_name()
    lists = [
        f"/{language}/agreements/?ordering={order}"
        for language in ("ky", "ru", "en")
        for order in ("title", "-title")
    ]
    return [
        *lists,
        "/api/v1/agreements/?limit=50&ordering=title",
        "/api/v1/agreements/?limit=50&ordering=-title",
        "/ky/agreements/?status=terminated",
        "/ky/agreements/?status=signed",
        "/ky/agreements/?country=CN",
        "/ky/agreements/?country=CN&year=2015",
        f"/ky/agreements/?organization={organization}",
        f"/ky/search/?q={name}",
        "/ky/search/?q=соглашения",
    ]


def plan_summary(plan: dict) -> set[str]:
    """The indexes a plan reads, and "Seq Scan <table>" for each table it reads whole."""
    found = set()
    if plan.get("Index Name"):
        found.add(plan["Index Name"])
    if plan.get("Node Type") == "Seq Scan":
        found.add(f"Seq Scan {plan['Relation Name']}")
    for child in plan.get("Plans", ()):
        found |= plan_summary(child)
    return found


def explain(sql: str) -> tuple[float, float, set[str]]:
    """Planning and execution time (ms) of one run of `sql`, and what its plan reads."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        result = cursor.fetchone()[0]
        transaction.set_rollback(True)  # only reads are explained; this keeps it so
    result = json.loads(result) if isinstance(result, str) else result
    return result[0]["Planning Time"], result[0]["Execution Time"], plan_summary(result[0]["Plan"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per URL (after one warm-up)")
    parser.add_argument("--only", default="", help="only the URLs containing this text")
    args = parser.parse_args()

    client = Client()
    for url in requests_to_time():
        if args.only not in url:
            continue
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)  # the warm-up, whose queries are explained
        # Copied now: every request starts by clearing the connection's log of queries.
        queries = [query["sql"] for query in captured.captured_queries]
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        print(f"\n{url}\n  request: median {statistics.median(times):.1f} ms, best {min(times):.1f} ms")
        for sql in queries:
            # The portal's own tables only (not the cache's or the session's), and reads only:
            # EXPLAIN ANALYZE runs the statement.
            if not sql.startswith("SELECT") or not re.search(r'"(agreements|consortium)_', sql):
                continue
            runs = [explain(sql) for _ in range(3)]
            planning, execution = min(run[0] for run in runs), min(run[1] for run in runs)
            if planning + execution < 1.0:
                continue  # the small queries every page sends (topics, choices, …)
            print(
                f"  {planning:6.1f} + {execution:6.1f} ms  {', '.join(sorted(runs[0][2])) or '-'}\n"
                f"                     {sql[:150]}…"
            )


if __name__ == "__main__":
    main()
