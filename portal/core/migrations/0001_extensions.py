from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache backs the API throttles when no REDIS_URL is set.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
