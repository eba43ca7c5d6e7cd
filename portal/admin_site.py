"""The editors' admin site: Django's own, named for the portal, and with a "view on site"
shortcut that keeps to DESIGN.md section 6.

Django's shortcut (`/admin/r/<content type>/<id>/`) redirects to the page of any row that
exists without asking who is looking, so its 302-or-404 told a staff member which confidential
agreement ids exist. Here it first looks the row up through the model's `visible_to(user)`.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _


def visible_shortcut(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        rows = model._default_manager.all()
        if hasattr(rows, "visible_to"):
            rows = rows.visible_to(request.user)
        found = rows.filter(pk=object_id).exists()
    except (ContentType.DoesNotExist, AttributeError, ValueError, ValidationError):
        found = False
    if not found:
        raise Http404
    return shortcut(request, content_type_id, object_id)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Science Cooperation Portal")
    site_title = _("Science Cooperation Portal")

    def get_urls(self):
        urls = super().get_urls()
        own = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(visible_shortcut),
            name="view_on_site",
        )
        # Django's own pattern of the same name is replaced, not shadowed.
        return [own if getattr(url, "name", None) == "view_on_site" else url for url in urls]
