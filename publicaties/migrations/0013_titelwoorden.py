"""PostgreSQL only: an index of the words a row holds with weight A (its title).

A frequent word's ranked page (zoeken.pg_woorden._top_lagen) starts with the rows that hold
it in the title: ts_rank of one word is at least that of a single title match exactly for
those rows. Most of a frequent word's abvector matches can be theme or author matches
(weight B): found through abvector, the title matches among them were tested row by row
(3,691 rows read for the 10 newest of 'sirihpruim', B5). This GIN index on
publicaties_titelwoorden(abvector) finds them directly, and its statistics tell the planner
how many there are (the planner only reads the statistics of an index that is not partial,
so this one also holds concepts). No pending list, as in 0011 and 0012.
"""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION publicaties_titelwoorden(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_to_tsvector(coalesce(array_agg(u.lexeme), '{}'))
    FROM unnest(v) u WHERE 'A' = ANY(u.weights)
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIE)
        schema_editor.execute(
            "CREATE INDEX publicatie_titelwoorden_gin ON publicaties_publicatie "
            "USING gin (publicaties_titelwoorden(abvector)) WITH (fastupdate = off)"
        )
        schema_editor.execute("ANALYZE publicaties_publicatie")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publicatie_titelwoorden_gin")
        schema_editor.execute("DROP FUNCTION IF EXISTS publicaties_titelwoorden(tsvector)")


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0012_herhaalde_woorden"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
