"""The database router for a PostgreSQL primary with a streaming replica (DATABASE_REPLICA_URL).

Settings install it only when a replica is configured: without one every query goes to
`default` as usual. With one, writes go to the primary and reads to the replica, except reads
that must see a write the replica may not have replayed yet (`portal.core.primary_pinning`):
- in a request that has written, or from a client that wrote a few seconds ago;
- inside a transaction on the primary, where a read-modify-write must read what it modifies.
Migrations run on the primary only; the replica receives them through replication.
"""

from django.db import connections

from portal.core import primary_pinning

PRIMARY = "default"
REPLICA = "replica"

# Bookkeeping that must never be read stale: sessions (a login counts at once), the cache table
# (API throttle counts, the dashboard aggregates that writes invalidate) and django-axes's login
# attempts. These always use the primary, and writing them does not pin the request's other
# reads, since every API call updates its throttle count.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache", "axes"})


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if primary_pinning.is_pinned() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        if model._meta.app_label not in PRIMARY_ONLY_APPS:
            primary_pinning.mark_write()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
