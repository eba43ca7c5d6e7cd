"""The top floor as an app, for what needs an app's ready(): the data version's triggers on
every domain table, and keeping the role groups complete after migrate.

It cannot live in portal.core (the ground floor imports no app) nor in consortium (an app never
imports the top floor); dependencies keep pointing portal → consortium → agreements → portal.core.
This app has no models, templates or migrations.
"""

from django.apps import AppConfig, apps
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal.data_triggers import install_triggers
        from portal.roles import ensure_groups_after_migrate

        # post_migrate skips apps without models (like this one), so listen for the last app
        # that has them: by then every permission the groups hold exists.
        post_migrate.connect(ensure_groups_after_migrate, sender=apps.get_app_config("consortium"))
        # Every domain table moves the data version that kept pages and the dashboard are keyed by.
        post_migrate.connect(install_triggers, sender=apps.get_app_config("consortium"))


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site (portal/admin_site.py) as `admin.site`."""

    default_site = "portal.admin_site.PortalAdminSite"
