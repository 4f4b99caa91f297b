"""PostgreSQL only: facetcodes integer[] on publicatie, all facet values of a row as codes.

Not a model field on purpose: only the raw search SQL (zoeken.py) reads it and only
services.zoekindex_update writes it, so SQLite never needs it. See zoeken.CODE_*.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE publicaties_publicatie ADD COLUMN IF NOT EXISTS facetcodes integer[] "
        "NOT NULL DEFAULT '{}'"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE publicaties_publicatie DROP COLUMN IF EXISTS facetcodes")


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0003_rangvector"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
