"""Divisions through time (docs/adr/0007-divisions-through-time.md), step 1: the versions table
and the country of a division (steps 2 and 3: 0010 converts the data, 0011 drops year and
superseded_by)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0010_api_tokens"),
    ]

    operations = [
        migrations.CreateModel(
            name="DivisionVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("valid_from", models.DateField(verbose_name="geldig vanaf")),
                ("label", models.CharField(max_length=40, verbose_name="versie")),
                ("report", models.JSONField(blank=True, default=dict, verbose_name="verslag")),
                ("loaded_at", models.DateTimeField(auto_now=True, verbose_name="geladen op")),
                ("division", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="versions", to="collaborations.division", verbose_name="indeling")),
                ("source", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to="collaborations.datasource", verbose_name="bron")),
            ],
            options={
                "verbose_name": "versie van een indeling",
                "verbose_name_plural": "versies van indelingen",
                "ordering": ["division", "valid_from"],
                "constraints": [models.UniqueConstraint(fields=("division", "valid_from"), name="divisionversion_unique_date")],
            },
        ),
        migrations.AddField(
            model_name="division",
            name="country",
            field=models.CharField(choices=[("nl", "Nederland"), ("be", "België (Vlaanderen en Brussel)")], db_index=True, default="nl", max_length=2, verbose_name="land"),
        ),
    ]
