"""The home dashboard, kept in the default cache (Redis when REDIS_URL is set, the database
otherwise), so that the home page does not count every agreement on each request.

One entry per visibility scope, language and day:
- scope: `scope_for(user)`, the levels a viewer reads and, for a partner, its organisation.
  Never per user (every viewer of a scope sees the same figures), and never shared between
  scopes: the anonymous entry is computed from public rows only, an editor's from all of them,
  and a partner's, which counts its own internal agreements, is its organisation's alone.
- language: the entry holds translated text (chart titles, country and field names, figures
  formatted for the language).
- day: expiring agreements, overdue commitments and statuses follow the date.

Invalidation: a write to any domain model (the agreements and consortium apps) replaces a
version token (`invalidate`, connected in portal/apps.py). Each entry carries the token that
was current when its computation started and is used only while that token is still current, so
an entry computed while a write was landing is thrown away rather than kept. Signals do not
fire for QuerySet.update(), bulk_create() or raw SQL (the data generator, a migration), so each
entry also carries the data version (portal/core/data_version.py), which database triggers move
on every write whatever its path, and is used only while that too is current: one query per
home page. Entries expire after DASHBOARD_CACHE_SECONDS (5 minutes by default) all the same.
DASHBOARD_CACHE_SECONDS=0 turns the cache off.
"""

import datetime
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from pghistory.models import Event

from agreements.models import Agreement
from portal.core.data_version import CACHE_ERRORS, data_version
from portal.core.visibility import Scope, scope_for
from portal.dashboard import dashboard

DEFAULT_SECONDS = 5 * 60
VERSION_KEY = "dashboard:version"
# Part of every entry's key: change it when what an entry holds changes shape, so that a new
# release never unpickles an old release's entry.
FORMAT = 1
DOMAIN_APPS = ("agreements", "consortium")

logger = logging.getLogger("portal.dashboard_cache")


def cache_seconds() -> int:
    return getattr(settings, "DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)


def scope_key(scope: Scope) -> str:
    key = "+".join(sorted(str(level) for level in scope.levels))
    if scope.partner_organization_id is not None:
        key += f":partner-{scope.partner_organization_id}"
    return key


def entry_key(user, language: str, today: datetime.date) -> str:
    return f"dashboard:{FORMAT}:{scope_key(scope_for(user))}:{language}:{today.isoformat()}"


def cached_dashboard(user, today: datetime.date | None = None) -> dict:
    """What `dashboard(user)` returns, from the cache when a current entry for the scope exists."""
    seconds = cache_seconds()
    if seconds <= 0:
        return dashboard(user, today)
    today = today or timezone.localdate()
    key = entry_key(user, translation.get_language(), today)
    # The data version (moved by every write, signals or not) as well as the signal token.
    current_data = data_version(router.db_for_read(Agreement))
    try:
        found = cache.get_many([VERSION_KEY, key])  # one round trip
        version, entry = found.get(VERSION_KEY), found.get(key)
        if version is not None and entry is not None and entry[:2] == (version, current_data):
            return entry[2]
        if version is None:
            # First use, or the token was evicted: a new one, so no older entry can match it.
            version = new_version()
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY)
    except CACHE_ERRORS as error:
        logger.warning("Dashboard cache unavailable, figures counted afresh: %s", error)
        return dashboard(user, today)
    context = dashboard(user, today)
    if version is not None:
        try:
            cache.set(key, (version, current_data, context), seconds)
        except CACHE_ERRORS as error:
            logger.warning("Dashboard cache unavailable, figures not kept: %s", error)
    return context


def new_version() -> str:
    return uuid.uuid4().hex


def replace_version():
    try:
        cache.set(VERSION_KEY, new_version(), timeout=None)
    except CACHE_ERRORS as error:
        # The write itself must not fail for it; cached figures then last until their TTL.
        logger.error("Dashboard cache not invalidated, figures may lag up to its TTL: %s", error)


# --- Invalidation ---------------------------------------------------------------------------


def invalidate(sender, using=None, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of the domain models.

    The token is replaced at once (a read later in the same transaction sees the change) and
    again when the transaction commits: an entry computed by another request before the commit
    holds the old rows and must not outlive it.
    """
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed also fires before the change
    replace_version()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(replace_version, using=using)


def domain_models(include_auto_created=False):
    """The models of the domain apps (with their link tables if asked), not the audit events:
    those are written by database triggers with the rows they record, never by Django."""
    return [
        model
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models(include_auto_created=include_auto_created)
        if not issubclass(model, Event)
    ]


def connect_invalidation():
    for model in domain_models():
        label = model._meta.label
        post_save.connect(invalidate, sender=model, dispatch_uid=f"dashboard_cache.save.{label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"dashboard_cache.delete.{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                invalidate, sender=through, dispatch_uid=f"dashboard_cache.m2m.{through._meta.label}"
            )
