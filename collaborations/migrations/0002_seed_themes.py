from django.db import migrations


def seed_themes(apps, schema_editor):
    from collaborations.arrangements.themes import THEMES

    Theme = apps.get_model("collaborations", "Theme")
    for slug, name, name_en, domain in THEMES:
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "domain": domain}
        )


class Migration(migrations.Migration):
    dependencies = [("collaborations", "0001_initial")]
    operations = [migrations.RunPython(seed_themes, migrations.RunPython.noop)]
