"""The data version: one row whose timestamp moves on every write to a domain table.

Statement-level triggers (installed on the domain apps' tables after every migrate, by
portal/data_triggers.py) call `portal_bump_data_version()`, so every path that writes, the admin,
the API, `QuerySet.update()`, raw SQL, a restore, moves it: unlike Django's signals, which the
page cache could not trust with a record made confidential by an update. The upsert keeps the
row even after a flush or a TRUNCATE has emptied the table.
"""

from django.db import migrations

CREATE = """
CREATE TABLE portal_data_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    changed_at timestamptz NOT NULL
);
INSERT INTO portal_data_version (id, changed_at) VALUES (1, clock_timestamp());
CREATE FUNCTION portal_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO portal_data_version (id, changed_at) VALUES (1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE SET changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END;
$$;
"""

DROP = """
DROP FUNCTION portal_bump_data_version() CASCADE;
DROP TABLE portal_data_version;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0003_api_key_editors")]

    operations = [migrations.RunSQL(CREATE, DROP)]
