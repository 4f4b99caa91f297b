"""Closed years are immutable: PostgreSQL refuses UPDATE and DELETE on their rows.

Deliberate raw SQL: a trigger is the only guard that also holds for the admin, the shell
and bulk queries. On SQLite (make run) there is no trigger; the services never update.
"""

from django.db import migrations

TABELLEN = ["verantwoording_afsluiting", "verantwoording_afsluitingbestand"]

FUNCTIE = """
CREATE OR REPLACE FUNCTION verantwoording_bevroren() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Een afgesloten jaar kan niet meer worden gewijzigd (tabel %%).', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIE, params=())
    for tabel in TABELLEN:
        schema_editor.execute(
            f"CREATE TRIGGER {tabel}_bevroren BEFORE UPDATE OR DELETE ON {tabel} "
            "FOR EACH ROW EXECUTE FUNCTION verantwoording_bevroren()"
        )


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in TABELLEN:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_bevroren ON {tabel}")
    schema_editor.execute("DROP FUNCTION IF EXISTS verantwoording_bevroren()")


class Migration(migrations.Migration):
    dependencies = [("verantwoording", "0001_initial")]

    operations = [migrations.RunPython(maak, verwijder)]
