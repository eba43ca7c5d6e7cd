"""The data version (portal/core/migrations/0004_data_version.py): read it, or move it by hand
where triggers were off (generate_data loads in the replica role, in which no trigger fires)."""

from django.db import connections

BUMP = (
    "INSERT INTO portal_data_version (id, changed_at) VALUES (1, clock_timestamp()) "
    "ON CONFLICT (id) DO UPDATE SET changed_at = EXCLUDED.changed_at"
)


def data_version(using: str = "default") -> str | None:
    """The version as a string of microseconds, or None where the row is missing. Read it from
    the database the page's rows come from (a replica replays it in commit order with them)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT (extract(epoch FROM changed_at) * 1000000)::bigint FROM portal_data_version")
        row = cursor.fetchone()
    return None if row is None else str(row[0])


def bump_data_version(cursor):
    cursor.execute(BUMP)
