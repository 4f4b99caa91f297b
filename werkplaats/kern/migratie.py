"""Helpers for the migrations that made one werkplaats's database the first of many.

A database from before the national network holds one werkplaats's data and at most one
row of site settings. That row becomes the first werkplaats, with the host names of
settings.WERKPLAATS_HOSTS; every existing record is given to it. A database without such
a row but with data gets a first werkplaats named after the defaults. An empty database
gets none: `manage.py werkplaats_nieuw` or the demo loader adds werkplaatsen.
"""

from django.conf import settings
from django.utils.text import slugify


def eerste_werkplaats(apps):
    """The first werkplaats of an upgraded database, made when it has none yet."""
    Werkplaats = apps.get_model("kern", "Werkplaats")
    werkplaats = Werkplaats.objects.order_by("pk").first()
    if werkplaats is None:
        werkplaats = Werkplaats.objects.create(naam="Werkplaats Sociaal Domein", slug="werkplaats")
        hosts_toevoegen(apps, werkplaats)
    return werkplaats


def hosts_toevoegen(apps, werkplaats) -> None:
    WerkplaatsHost = apps.get_model("kern", "WerkplaatsHost")
    for volgorde, host in enumerate(settings.WERKPLAATS_HOSTS):
        host = host.lower().split(":")[0]
        if host and not WerkplaatsHost.objects.filter(host=host).exists():
            WerkplaatsHost.objects.create(werkplaats=werkplaats, host=host, primair=volgorde == 0)


def site_instellingen_naar_werkplaats(apps, schema_editor) -> None:
    """The one settings row (if any) gets a slug and the configured host names."""
    Werkplaats = apps.get_model("kern", "Werkplaats")
    for werkplaats in Werkplaats.objects.all():
        werkplaats.slug = slugify(werkplaats.korte_naam or werkplaats.naam)[:40] or "werkplaats"
        werkplaats.save(update_fields=["slug"])
        hosts_toevoegen(apps, werkplaats)


def vul_werkplaats(app_label: str, model_name: str, *, bevroren_trigger: str = ""):
    """A RunPython step that gives every existing row of the model to the first werkplaats.

    `bevroren_trigger`: the PostgreSQL trigger that refuses every UPDATE of the table (a
    closed year); it is switched off for this one update only, in the same transaction."""

    def vul(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        if not model._base_manager.filter(werkplaats__isnull=True).exists():
            return
        werkplaats = eerste_werkplaats(apps)
        tabel = model._meta.db_table
        trigger = bevroren_trigger and schema_editor.connection.vendor == "postgresql"
        if trigger:
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            schema_editor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER {bevroren_trigger}")
        model._base_manager.filter(werkplaats__isnull=True).update(werkplaats=werkplaats)
        if trigger:
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            schema_editor.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER {bevroren_trigger}")

    return vul
