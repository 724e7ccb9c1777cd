"""API tokens of collaborations.accounts (hashed at rest, with expiry and revocation), replacing
DRF's rest_framework.authtoken (plain-text keys that never expired).

Existing DRF tokens keep working for the users who hold them: each key is stored as its
SHA-256 digest with an expiry REGIOATLAS_API_TOKEN_DAYS from now, and the plain-text row is
deleted. The table authtoken_token is then dropped: the app is no longer installed, and a
leftover table with a foreign key to the users would block their deletion and truncation."""

import datetime
import hashlib

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
from django.utils import timezone


def hash_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("collaborations", "ApiToken")
    now = timezone.now()
    expires = now + datetime.timedelta(days=settings.REGIOATLAS_API_TOKEN_DAYS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
        ApiToken.objects.bulk_create(
            ApiToken(
                user_id=user_id,
                name="API-token",
                digest=hashlib.sha256(key.encode()).hexdigest(),
                prefix=key[:6],
                created_at=created or now,
                expires_at=expires,
            )
            for key, user_id, created in rows
        )
        cursor.execute("DROP TABLE authtoken_token")


class Migration(migrations.Migration):

    dependencies = [
        ("collaborations", "0009_saved_maps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, verbose_name="naam")),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="SHA-256 van de sleutel")),
                ("prefix", models.CharField(help_text="Om het token te herkennen; niet genoeg om het te gebruiken.", max_length=12, verbose_name="begin van de sleutel")),
                ("created_at", models.DateTimeField(verbose_name="aangemaakt op")),
                ("expires_at", models.DateTimeField(verbose_name="verloopt op")),
                ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="laatst gebruikt op")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="api_tokens", to=settings.AUTH_USER_MODEL, verbose_name="gebruiker")),
            ],
            options={
                "verbose_name": "API-token",
                "verbose_name_plural": "API-tokens",
                "ordering": ("-created_at", "-pk"),
                "indexes": [models.Index(fields=["user", "revoked_at"], name="apitoken_user_active")],
            },
        ),
        migrations.RunPython(hash_drf_tokens, migrations.RunPython.noop),
    ]
