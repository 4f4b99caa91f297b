"""PostgreSQL only: an index of the words that occur more than once in a row's abvector.

A frequent word's ranked page (zoeken.pg_woorden._pg_zoeken_frequent) ranks only what can
outrank a single title match: ts_rank of one word is the same for every row that holds it
once with weight A, higher only for a row that holds it more than once. This GIN index on
publicaties_herhaald(abvector) finds those few rows without reading the thousands of rows
that hold the word once. Without a pending list (fastupdate off, as in 0011): every
ranked search scans it, and a saved row adds only its few repeated words.
"""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION publicaties_herhaald(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_to_tsvector(coalesce(array_agg(u.lexeme), '{}'))
    FROM unnest(v) u WHERE cardinality(u.positions) > 1
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIE)
        schema_editor.execute(
            "CREATE INDEX publicatie_herhaald_gin ON publicaties_publicatie "
            "USING gin (publicaties_herhaald(abvector)) WITH (fastupdate = off) "
            "WHERE status = 'gepubliceerd'"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publicatie_herhaald_gin")
        schema_editor.execute("DROP FUNCTION IF EXISTS publicaties_herhaald(tsvector)")


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0011_zoekwoord_trgm_zonder_wachtlijst"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
