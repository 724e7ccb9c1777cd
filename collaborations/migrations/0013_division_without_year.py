"""Divisions through time, step 3: a division has no year and no successor of its own any more
(its versions have dates)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0012_division_versions_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="division", name="superseded_by"),
        migrations.RemoveField(model_name="division", name="year"),
        migrations.AlterModelOptions(
            name="division",
            options={"ordering": ["domain", "name"], "verbose_name": "indeling", "verbose_name_plural": "indelingen"},
        ),
    ]
