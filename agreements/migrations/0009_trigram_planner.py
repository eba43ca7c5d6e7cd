"""Let the planner plan trigram matches well, and quickly.

Costs. pg_trgm declares the functions behind `%`, `<%` and `%>` with PostgreSQL's default cost
for a C function, 1 (the price of an integer comparison), although each builds and compares the
trigram sets of two strings: measured at 100,000 agreements, 8.5 µs a call on people's names
and 20 µs on joint labs' names, about 2 and 5 times what the planner prices the reading of a
page, that is some 1,000 times `cpu_operator_cost`. Priced at 1, testing every row looks cheaper
than the GIN index, and the site search read whole tables: organisations 100-150 ms, labs
and programmes 20 ms each where the indexes answer in under 1 ms (bench/README.md). COST 100 was
enough for the organisations but not for the labs and programmes (a few hundred rows); 1000 is
what the measurements give, and the planner then takes the indexes whenever a match is
selective.

Statistics. To estimate how many rows a trigram match keeps, PostgreSQL runs the match over the
column's most common values and histogram (pg_trgm's `matchingsel`): about 200 calls a column
with the default statistics target of 100, for each column in the search's OR of matches
(organisations: 6 columns × 2 spellings). That was 45 ms of planning in each site search, more
than running the queries. Names are nearly all distinct, so a target of 10 loses little that
the estimates need, and cuts the planning to about 10 ms. `ANALYZE` takes the new targets.

The functions belong to the extension, which the superuser who created it owns (also when a
database owner created it as a trusted extension): a role that may not alter them gets a
message, not a failed migration, since only the speed depends on it. `pg_dump` keeps no change
to an extension's functions, so `manage.py restore` sets the same costs again
(portal/core/backups.py); the statistics targets are part of the dump.
"""

from django.db import migrations, transaction
from django.db.utils import ProgrammingError

# Each function's signature, as ALTER FUNCTION names it.
FUNCTIONS = (
    "similarity_op(text, text)",  # text % text
    "word_similarity_op(text, text)",  # text <% text
    "word_similarity_commutator_op(text, text)",  # text %> text
)
# What pg_trgm declares (SELECT procost FROM pg_proc WHERE proname = 'similarity_op').
EXTENSION_COST = 1
TRIGRAM_COST = 1000
# The columns the site search and the lists' `q` match by trigram, on tables with more than a
# few dozen rows; the consortium app's are in its migration 0008.
TRIGRAM_COLUMNS = {
    "agreements_organization": [
        f"{name}_{code}" for name in ("name", "short_name") for code in ("ky", "ru", "en")
    ],
    "agreements_person": ["full_name_ky", "full_name_ru", "full_name_en"],
    "agreements_meeting": ["place_ky", "place_ru", "place_en"],
}
STATISTICS_TARGET = 10


def set_cost(schema_editor, cost):
    connection = schema_editor.connection
    refused = []
    for function in FUNCTIONS:
        statement = f"ALTER FUNCTION {function} COST {cost}"
        try:
            # A savepoint, so that a refusal leaves the migration's transaction usable.
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute(statement)
        except ProgrammingError as error:
            if getattr(error.__cause__, "sqlstate", None) != "42501":  # insufficient_privilege
                raise
            refused.append(statement)
    if refused:
        statements = "".join(f"\n    {statement};" for statement in refused)
        print(
            "\n  This role may not set the planner costs of pg_trgm's functions (see"
            f"\n  {__name__}). As the extension's owner, a superuser, run:" + statements
        )


def forwards(apps, schema_editor):
    set_cost(schema_editor, TRIGRAM_COST)


def backwards(apps, schema_editor):
    set_cost(schema_editor, EXTENSION_COST)


def set_statistics(target):
    statements = []
    for table, columns in TRIGRAM_COLUMNS.items():
        alter = ", ".join(f"ALTER COLUMN {column} SET STATISTICS {target}" for column in columns)
        statements += [f"ALTER TABLE {table} {alter}", f"ANALYZE {table}"]
    return statements


class Migration(migrations.Migration):
    dependencies = [
        # pg_trgm, whose functions these are, is created by core's first migration.
        ("core", "0001_extensions"),
        ("agreements", "0008_list_and_search_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        # -1: the server's default_statistics_target.
        migrations.RunSQL(set_statistics(STATISTICS_TARGET), set_statistics(-1)),
    ]
