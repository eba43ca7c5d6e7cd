"""The top floor as an app, for the one thing that needs an app's ready(): wiring the dashboard
cache's invalidation to the domain models' signals.

It cannot live in portal.core (the ground floor imports no app) nor in consortium (an app never
imports the top floor); dependencies keep pointing portal → consortium → agreements → portal.core.
This app has no models, templates or migrations.
"""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal.dashboard_cache import connect_invalidation

        connect_invalidation()
