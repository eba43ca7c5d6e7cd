"""The agreements list endpoint against the bare SQL of the same rows (DESIGN.md section 10).

The endpoint answers one page of 50 agreements with their parties and signatories, through the
whole stack (middleware, key or anonymous access, throttle, filters, serializers, JSON). The
bare SQL fetches the same 50 agreement rows, their parties, signatories and topics, in three
plain queries on the same connection. The figures are the ratios of the fastest runs and of the medians.

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/api_ratio.py [--repeat 30]

Needs a database with data, e.g. `manage.py generate_data --agreements 100000`. It also prints
the number of queries of every list endpoint for an anonymous caller, a partner key and an editor.
Not part of `make test`.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.in_process import setup_django  # noqa: E402

# What a list costs to compute: anonymous answers are not kept (portal/core/kept_answers.py).
setup_django("127.0.0.1", PAGE_CACHE_SECONDS="0")

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agreements.models import Agreement, Organization  # noqa: E402
from portal.core.models import APIKey  # noqa: E402

RESOURCES = (
    "organizations",
    "people",
    "topics",
    "agreements",
    "commissions",
    "meetings",
    "consortia",
    "workstreams",
    "labs",
    "programmes",
    "indicators",
)
COLUMNS = ", ".join(
    f"a.{field.column}"
    for field in Agreement._meta.concrete_fields
    if not getattr(field, "generated", False)  # search_vector is matched in SQL, never loaded
)
# The column names come from the model, not from any input.
PAGE_SQL = f"""
    SELECT {COLUMNS} FROM agreements_agreement a
    WHERE a.visibility = 'public'
    ORDER BY a.signed_on DESC NULLS LAST, a.id DESC
    LIMIT 50
"""  # noqa: S608
CHILDREN_SQL = (
    "SELECT p.* FROM agreements_party p WHERE p.agreement_id = ANY(%s) ORDER BY p.order, p.id",
    "SELECT s.* FROM agreements_signatory s WHERE s.agreement_id = ANY(%s) ORDER BY s.order, s.id",
    "SELECT t.agreement_id, t.topic_id FROM agreements_agreement_topics t WHERE t.agreement_id = ANY(%s)",
)


def bare_sql():
    with connection.cursor() as cursor:
        cursor.execute(PAGE_SQL)
        rows = cursor.fetchall()
        ids = [row[0] for row in rows]
        for sql in CHILDREN_SQL:
            cursor.execute(sql, [ids])
            cursor.fetchall()
    return len(rows)


def timings(function, repeat: int) -> tuple[float, float]:
    """(fastest, median) seconds: the fastest run is the least disturbed by other processes."""
    function()  # warm: connection, caches, query plans
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def line(label, api, sql):
    return (
        f"  {label:<30} fastest {api[0] * 1000:7.1f} ms (ratio {api[0] / sql[0]:5.1f}),"
        f" median {api[1] * 1000:7.1f} ms (ratio {api[1] / sql[1]:5.1f})"
    )


def clients():
    partner = Organization.objects.annotate(n=Count("parties")).order_by("-n").first()
    APIKey.objects.filter(name="bench").delete()
    _obj, partner_key = APIKey.objects.create_key(name="bench", organization=partner)
    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name="Editors"))
    anonymous, keyed, session = Client(), Client(HTTP_AUTHORIZATION=f"Api-Key {partner_key}"), Client()
    session.force_login(editor)
    return {"anonymous": anonymous, "partner key": keyed, "editor": session}


def get(client, url):
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    total = Agreement.objects.count()
    if total < 50:
        sys.exit("Load data first, e.g. manage.py generate_data --agreements 100000")
    by_role = clients()

    print(f"Queries per list endpoint (limit=50), {total} agreements in the database:")
    print(f"  {'endpoint':<14}" + "".join(f"{role:>13}" for role in by_role))
    for resource in RESOURCES:
        counts = []
        for client in by_role.values():
            get(client, f"/api/v1/{resource}/?limit=50")  # warm the session and the throttle row
            with CaptureQueriesContext(connection) as queries:
                get(client, f"/api/v1/{resource}/?limit=50")
            counts.append(len(queries))
        print(f"  {resource:<14}" + "".join(f"{n:>13}" for n in counts))

    url = "/api/v1/agreements/?limit=50"
    page = get(by_role["anonymous"], url).json()["results"]
    parties = sum(len(row["parties"]) for row in page)
    signatories = sum(len(row["signatories"]) for row in page)
    sql = timings(bare_sql, args.repeat)
    print(f"\nAgreements list, 50 rows with {parties} parties and {signatories} signatories:")
    print(f"  {'bare SQL (4 queries)':<30} fastest {sql[0] * 1000:7.1f} ms, median {sql[1] * 1000:7.1f} ms")
    for role in ("anonymous", "partner key"):
        client = by_role[role]
        print(line(f"API, {role}", timings(lambda client=client: get(client, url), args.repeat), sql))
    csv = timings(lambda: get(by_role["anonymous"], url + "&format=csv"), args.repeat)
    print(line("API as CSV, anonymous", csv, sql))


if __name__ == "__main__":
    main()
