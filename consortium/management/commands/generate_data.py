"""`manage.py generate_data --agreements N [--seed S] [--append]`: invented data for load tests."""

import time

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

from consortium.generated_data import DataGenerator
from portal.core.data_version import bump_data_version


class Command(BaseCommand):
    help = (
        "Generate realistic, invented data in Kyrgyz, Russian and English (organisations, people, "
        "commissions and meetings, agreements with parties, signatories and commitments, the consortium "
        "layer) for load tests. Refuses to touch a database that already holds agreements unless --append."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, required=True, help="How many agreements to make.")
        parser.add_argument("--seed", type=int, default=0, help="The same seed makes the same records.")
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a database that already holds agreements (never needed on an empty one).",
        )

    def handle(self, *args, agreements, seed, append, **options):
        if agreements < 1:
            raise CommandError("--agreements must be at least 1.")
        started = time.monotonic()
        with transaction.atomic(), connection.cursor() as django_cursor:
            raw = django_cursor.connection  # psycopg 3's own connection, for COPY
            with raw.cursor() as cursor:
                # Two runs at once would both see an empty table; the lock makes the second wait.
                cursor.execute("LOCK TABLE agreements_agreement IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute("SELECT count(*) FROM agreements_agreement")
                existing = cursor.fetchone()[0]
                if existing and not append:
                    raise CommandError(
                        f"The database already holds {existing} agreements: refusing to mix invented data "
                        "into it. Use --append if that is really what you want."
                    )
                cursor.execute("SHOW session_replication_role")
                previous_role = cursor.fetchone()[0]
                # Generated data is not an editorial change, so it leaves no audit trail: in the
                # replica role the pghistory triggers do not fire. Foreign-key checks are triggers
                # too and are off as well, so the generator hands out only ids it has inserted.
                # SET LOCAL ends with the transaction whatever happens; the old role is also put
                # back explicitly for a caller whose transaction goes on (a test, another command).
                try:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                except psycopg.errors.InsufficientPrivilege as error:
                    raise CommandError(
                        "The database user may not set session_replication_role (it takes a superuser, "
                        "or GRANT SET ON PARAMETER session_replication_role on PostgreSQL 15+)."
                    ) from error
                cursor.execute("SET LOCAL synchronous_commit = off")
                counts = DataGenerator(agreements=agreements, seed=seed).load(cursor)
                cursor.execute("SELECT set_config('session_replication_role', %s, true)", [previous_role])
                # No trigger fired in the replica role: move the data version (kept pages) by hand.
                bump_data_version(cursor)
        loaded = time.monotonic()
        # Statistics now, not whenever autovacuum comes by, so the next queries are planned well.
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(map(sql.Identifier, counts))))
        finished = time.monotonic()
        for table, count in counts.items():
            self.stdout.write(f"{table:32} {count:>10,}")
        self.stdout.write(f"{'rows':32} {sum(counts.values()):>10,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {agreements:,} agreements (seed {seed}) in {loaded - started:.1f} s, "
                f"ANALYZE {finished - loaded:.1f} s, total {finished - started:.1f} s."
            )
        )
