"""PostgreSQL only: keep publicatie rows narrow so that scanning thousands of matches is cheap.

toast_tuple_target = 256 moves the long texts and the full tsvector out of the row (into
TOAST) as soon as a row is long; the columns the search reads per matching row (titel,
rangvector, facetcodes) are kept in the row with STORAGE MAIN.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE publicaties_publicatie SET (toast_tuple_target = 256);"
        "ALTER TABLE publicaties_publicatie ALTER COLUMN rangvector SET STORAGE MAIN, "
        "ALTER COLUMN facetcodes SET STORAGE MAIN, ALTER COLUMN titel SET STORAGE MAIN"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE publicaties_publicatie RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0004_facetcodes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
