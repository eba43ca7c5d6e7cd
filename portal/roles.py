"""The Editors and Staff groups of DESIGN.md section 6, kept complete after every migrate.

The groups are first made by a migration (consortium 0002, core 0003). They are made again here,
idempotently, on post_migrate: a database flush (TransactionTestCase, `manage.py flush`) empties
the group tables and then sends post_migrate, and a new model's permissions must reach the groups
without a hand-written data migration each time.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

DOMAIN_APPS = ("agreements", "consortium")
CONFIDENTIAL = "view_confidential_agreement"


def domain_permissions():
    # Audit event models are read-only for everyone; their permissions go to no group.
    return Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).exclude(
        content_type__model__endswith="event"
    )


def ensure_groups(using="default"):
    domain = domain_permissions().using(using)
    keys = Permission.objects.using(using).filter(
        Q(content_type__app_label="rest_framework_api_key")
        | Q(content_type__app_label="core", content_type__model="apikey")
    )
    editors, _ = Group.objects.using(using).get_or_create(name="Editors")
    editors.permissions.add(*domain, *keys)
    staff, _ = Group.objects.using(using).get_or_create(name="Staff")
    staff.permissions.add(*domain.filter(codename__startswith="view_").exclude(codename=CONFIDENTIAL))


def ensure_groups_after_migrate(sender, using="default", **kwargs):
    ensure_groups(using=using)
