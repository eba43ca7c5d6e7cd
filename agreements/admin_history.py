"""An agreement's History page in the admin: the audit trail as a readable diff, with a button
per earlier version that restores it (issue 5, item 1).

It replaces the admin's own history page (which lists only the admin's LogEntry rows, and so
misses every change made through the API, an import or the shell). Staff read it; editors, who
hold the change permission, may restore. An agreement the user may not see is a 404.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .history import agreement_events, change_history
from .versions import RestoreFailed, differences, restore_version, version_event, version_number

HISTORY_PAGE_SIZE = 50


class AgreementHistoryAdminMixin:
    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_restore"
        restore = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.restore_view))
        # Before the admin's own `<path:object_id>/…` patterns, which would swallow it.
        return [
            path("<path:object_id>/history/<int:event_id>/restore/", restore, name=name),
            *super().get_urls(),
        ]

    def _visible_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj

    def can_restore(self, request, obj):
        return self.has_change_permission(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self._visible_object(request, object_id)
        page = Paginator(agreement_events(obj), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(agreement)s") % {"agreement": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "entries": change_history(obj, request.user, events=page.object_list),
            "page_obj": page,
            "can_restore": self.can_restore(request, obj),
            "restore_url_name": f"admin:{self.opts.app_label}_{self.opts.model_name}_restore",
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/agreements/agreement/audit_history.html", context)

    def restore_view(self, request, object_id, event_id):
        obj = self._visible_object(request, object_id)
        if not self.can_restore(request, obj):
            raise PermissionDenied
        event = version_event(obj, event_id)
        if event is None:
            raise Http404
        history_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )
        number = version_number(event)
        if request.method == "POST":
            try:
                restore_version(obj, event, request.user)
            except RestoreFailed as failure:
                messages.error(
                    request,
                    _("Version %(number)s was not restored; nothing was changed.") % {"number": number},
                )
                for message in failure.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("Version %(number)s of “%(agreement)s” was restored.")
                    % {"number": number, "agreement": obj},
                )
            return HttpResponseRedirect(history_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore version %(number)s") % {"number": number},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "number": number,
            "event": event,
            "differences": [
                (field.verbose_name, _shown(field, now), _shown(field, then))
                for field, now, then in differences(obj, event)
            ],
            "history_url": history_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/agreements/agreement/restore_confirm.html", context)


def _shown(field, value):
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one:
        # Only editors restore, and they see every record: name it.
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else _("record %(id)s (deleted)") % {"id": value}
    return str(value)
