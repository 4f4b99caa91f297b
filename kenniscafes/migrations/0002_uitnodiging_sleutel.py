import uuid

from django.db import migrations, models


def sleutels_geven(apps, schema_editor):
    # AddField gives every existing row the same default: give each its own key.
    Uitnodiging = apps.get_model("kenniscafes", "Uitnodiging")
    for uitnodiging in Uitnodiging.objects.only("pk").iterator():
        Uitnodiging.objects.filter(pk=uitnodiging.pk).update(sleutel=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("kenniscafes", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="uitnodiging",
            name="sleutel",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(sleutels_geven, migrations.RunPython.noop),
    ]
