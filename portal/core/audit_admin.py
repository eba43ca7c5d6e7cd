"""The admin's list of audit rows (pghistory's Events page), read-only for everyone.

Named by `PGHISTORY_ADMIN_CLASS` in the settings. No one, superusers included, may add, change
or delete an audit row here; the database refuses it too (the event tables are append-only, see
`PGHISTORY_APPEND_ONLY`). The rows hold the values of confidential agreements, so only editors,
who may read those, see this page; staff read an agreement's history on the agreement.
"""

from pghistory.admin import EventsAdmin

from portal.core.visibility import is_editor


class AuditEventsAdmin(EventsAdmin):
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user)

    def has_module_permission(self, request):
        return is_editor(request.user)
