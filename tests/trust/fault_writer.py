"""Writes agreements with their parties, one transaction each, until told to stop.

Run by the fault test as a separate process against the test's own PostgreSQL (DATABASE_URL),
while that server is restarted. Prints one JSON line per outcome: `committed` only after the
transaction's COMMIT returned, so every id it prints must still be in the database afterwards.
A write whose COMMIT was cut off is reported as failed: it may or may not have been kept, but
either way it must be whole (the agreement with both parties) or absent.

Usage: python tests/trust/fault_writer.py <name> <stop-file>
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction  # noqa: E402

from agreements.models import Agreement, Organization, Party  # noqa: E402

PARTIES_PER_AGREEMENT = 2


def say(**event):
    print(json.dumps({"t": time.time(), **event}), flush=True)


def retrying(step):
    while True:
        try:
            return step()
        except (OperationalError, InterfaceError) as exc:
            say(event="failed", error=type(exc).__name__)
            connection.close()
            time.sleep(0.05)
        except DatabaseError as exc:
            say(event="failed", error=type(exc).__name__, message=str(exc)[:500], unexpected=True)
            connection.close()
            time.sleep(0.05)


def main(name, stop_file):
    organizations = retrying(
        lambda: [
            Organization.objects.get_or_create(name_en=f"{name} party {i}", defaults={"country": "KG"})[0]
            for i in range(PARTIES_PER_AGREEMENT)
        ]
    )
    say(event="ready")
    n = 0
    while not os.path.exists(stop_file):
        n += 1
        try:
            with transaction.atomic():
                agreement = Agreement.objects.create(
                    kind=Agreement.Kind.AGREEMENT,
                    title_en=f"{name} {n}",
                    signed_on=datetime.date(2024, 1, 1),
                )
                for organization in organizations:
                    Party.objects.create(agreement=agreement, organization=organization)
        except (OperationalError, InterfaceError) as exc:
            say(event="failed", error=type(exc).__name__)
            connection.close()
            time.sleep(0.05)
            continue
        except DatabaseError as exc:
            # Any other database error: recorded with its message; the test accepts it only
            # while PostgreSQL is going down or coming back (a write refused, not a bug).
            say(event="failed", error=type(exc).__name__, message=str(exc)[:500], unexpected=True)
            connection.close()
            time.sleep(0.05)
            continue
        say(event="committed", id=agreement.pk)
        time.sleep(0.01)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
