"""The triggers that move the data version (portal/core/data_version.py) on every write to a
domain table, whatever the path, and the list of those tables.

The kept pages (portal/page_cache.py), the kept API answers (portal/core/kept_answers.py) and
the kept values (the dashboard's figures, the agreements list's country options) all end when
the version moves, so the triggers are theirs in common. They live on this floor because they
name the domain apps; `install_triggers` runs after every migrate (portal/apps.py).
"""

from django.apps import apps
from django.db import connections
from pghistory.models import Event
from psycopg import sql

from portal.core.data_version import bump_data_version

TRIGGER = "portal_data_version"

DOMAIN_APPS = ("agreements", "consortium")


def domain_models(include_auto_created=False):
    """The models of the domain apps (with their link tables if asked), not the audit events:
    those are written by database triggers with the rows they record, never by Django."""
    return [
        model
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models(include_auto_created=include_auto_created)
        if not issubclass(model, Event)
    ]


def domain_tables() -> list[str]:
    """Every table the public pages read: the domain apps' models and their link tables, not
    the audit events (written with the rows they record)."""
    models = domain_models(include_auto_created=True)
    return sorted({model._meta.db_table for model in models if model._meta.managed and not model._meta.proxy})


def install_triggers(using="default", **kwargs):
    """Every domain table moves the data version; run after every migrate (a new model's table
    gets its trigger), idempotent. It moves the version itself too: a release runs migrate,
    and pages the old release rendered must not outlive it."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regprocedure('portal_bump_data_version()') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return  # migrated back before portal/core/migrations/0004_data_version.py
        for table in domain_tables():
            cursor.execute(
                sql.SQL(
                    "CREATE OR REPLACE TRIGGER {} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION portal_bump_data_version()"
                ).format(sql.Identifier(TRIGGER), sql.Identifier(table))
            )
        bump_data_version(cursor)
