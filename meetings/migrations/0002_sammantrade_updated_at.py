# An updated_at for the API's incremental sync (updated_since). Existing rows start at their
# created_at, so a first full sync returns them oldest first.

import django.utils.timezone
from django.db import migrations, models


def from_created_at(apps, schema_editor):
    model = apps.get_model("meetings", "sammantrade")
    model.objects.update(updated_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0001_sammantraden_leadtimes_arenden"),
    ]

    operations = [
        migrations.AddField(
            model_name="sammantrade",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True,
                                       default=django.utils.timezone.now,
                                       verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalsammantrade",
            name="updated_at",
            field=models.DateTimeField(blank=True, db_index=True, editable=False,
                                       default=django.utils.timezone.now,
                                       verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.RunPython(from_created_at, migrations.RunPython.noop),
    ]
