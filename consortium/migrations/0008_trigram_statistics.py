"""Statistics targets of the columns matched by trigram, as agreements migration 0009 explains:
estimating a trigram match runs it over the column's statistics, which for these names cost more
planning than the queries took to run."""

from django.db import migrations

TRIGRAM_COLUMNS = {
    "consortium_jointlab": [f"{name}_{code}" for name in ("name", "field") for code in ("ky", "ru", "en")],
    "consortium_programme": ["title_ky", "title_ru", "title_en"],
}
STATISTICS_TARGET = 10


def set_statistics(target):
    statements = []
    for table, columns in TRIGRAM_COLUMNS.items():
        alter = ", ".join(f"ALTER COLUMN {column} SET STATISTICS {target}" for column in columns)
        statements += [f"ALTER TABLE {table} {alter}", f"ANALYZE {table}"]
    return statements


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0009_trigram_planner"),
        ("consortium", "0007_search_vectors"),
    ]

    operations = [
        # -1: the server's default_statistics_target.
        migrations.RunSQL(set_statistics(STATISTICS_TARGET), set_statistics(-1)),
    ]
