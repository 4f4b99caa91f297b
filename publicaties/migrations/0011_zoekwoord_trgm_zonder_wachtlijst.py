"""PostgreSQL only: the trigram index of the search words without a pending list.

A GIN index with fastupdate (the default) collects new entries in a pending list that every
scan reads in full until VACUUM merges it. Words are added with every saved publication,
and the "did you mean" lookup scans this index: with a full pending list (4 MB) the lookup
took 10-11 ms instead of 3-4 ms (B5, 100,000 publications). Without fastupdate each new word
goes into the index at once (a few microseconds per word on save); the existing list is
merged now.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX zoekwoord_woord_trgm SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list('zoekwoord_woord_trgm'::regclass)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX zoekwoord_woord_trgm RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0010_publicatie_audio_duur"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
