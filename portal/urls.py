"""Every route of the portal, explicitly: pages under language prefixes, the rest outside."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal import feeds, search, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("portal.api_urls")),
    path("feeds/agreements.atom", feeds.AgreementsFeed(), name="feed_agreements"),
    path("feeds/meetings.ics", feeds.meetings_calendar, name="feed_meetings_ics"),
    path("feeds/expiries.ics", feeds.expiries_calendar, name="feed_expiries_ics"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", search.search, name="search"),
    path("", include("agreements.urls")),
    path("", include("consortium.urls")),
    prefix_default_language=True,
)
