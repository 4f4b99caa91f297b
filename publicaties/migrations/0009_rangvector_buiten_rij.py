"""PostgreSQL only: rangvector out of the row, so 100,000 rows fit in the buffer cache.

rangvector (weights A-C, ~750 bytes) was kept in the row to test each match against it;
the searches now take its matches from its GIN index (zoeken.ZOEK_CTES), so the row only
keeps what is read per match: title, abvector (ranking) and facetcodes. Rows are rewritten
so that the existing ones move their rangvector out as well.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE publicaties_publicatie ALTER COLUMN rangvector SET STORAGE EXTENDED;"
            "UPDATE publicaties_publicatie SET rangvector = rangvector"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE publicaties_publicatie ALTER COLUMN rangvector SET STORAGE MAIN"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0008_termfacetten"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
