"""PostgreSQL search: unaccent + pg_trgm, a Dutch configuration without accents, GIN indexes.

Everything here is PostgreSQL-only and skipped on SQLite (make run), where the
kennisbank falls back to a simpler search (see selectors.py).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# dutch_unaccent: the Dutch snowball stemmer after unaccent, so "café" and "cafe",
# "schulden" and "schuld" meet. Created only if missing (a database can hold it already).
CONFIG_SQL = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dutch_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch);
        ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
    END IF;
END
$$;
"""

INDEX_SQL = [
    "CREATE INDEX IF NOT EXISTS publicatie_zoekvector_gin "
    "ON publicaties_publicatie USING gin (zoekvector)",
    "CREATE INDEX IF NOT EXISTS zoekwoord_woord_trgm "
    "ON publicaties_zoekwoord USING gin (woord gin_trgm_ops)",
]

REVERSE_SQL = [
    "DROP INDEX IF EXISTS zoekwoord_woord_trgm",
    "DROP INDEX IF EXISTS publicatie_zoekvector_gin",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIG_SQL)
    for sql in INDEX_SQL:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in REVERSE_SQL:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
