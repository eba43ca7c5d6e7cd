"""The audit rows' context (who, which request) cannot be deleted or rewritten.

The event tables are append-only (pgtrigger's Protect triggers, PGHISTORY_APPEND_ONLY). Their
context rows live in pghistory's own table, which pghistory itself updates while a request runs
(metadata grows as DRF authenticates the caller), so its guard lets a row gain keys or fill a
null but refuses a DELETE and any UPDATE that changes or drops a recorded value. The table is
pghistory's, so the trigger is plain SQL here rather than a pgtrigger on its model.
"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION portal_audit_context_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit: rows of % cannot be deleted', TG_TABLE_NAME;
    END IF;
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at
            OR NOT (NEW.metadata @> jsonb_strip_nulls(OLD.metadata)) THEN
        RAISE EXCEPTION 'audit: recorded values in % cannot be changed', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS portal_audit_context_guard ON pghistory_context;
CREATE TRIGGER portal_audit_context_guard
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION portal_audit_context_guard();
"""

UNGUARD = """
DROP TRIGGER IF EXISTS portal_audit_context_guard ON pghistory_context;
DROP FUNCTION IF EXISTS portal_audit_context_guard();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_audit_append_only"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunSQL(GUARD, UNGUARD)]
