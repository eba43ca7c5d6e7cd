"""Every move of the data version is later than the one before it.

The version was the moment the writing statement ran (`clock_timestamp()`, taken before it
waited for the version row's lock): two writers in the same microsecond, or a system clock set
back, could leave the version where it was for different data, and a kept page or value would
outlive the second write. Now a move is at least one microsecond past the row it replaces.
"""

from django.db import migrations

BUMP = """
CREATE OR REPLACE FUNCTION portal_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO portal_data_version (id, changed_at) VALUES (1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE SET changed_at = greatest(
        EXCLUDED.changed_at, portal_data_version.changed_at + interval '1 microsecond'
    );
    RETURN NULL;
END;
$$;
"""

PREVIOUS = """
CREATE OR REPLACE FUNCTION portal_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO portal_data_version (id, changed_at) VALUES (1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE SET changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0004_data_version")]

    operations = [migrations.RunSQL(BUMP, PREVIOUS)]
