"""The managed theme list."""

from collaborations.arrangements.models import Theme
from collaborations.arrangements.themes import THEMES


def themes_seed() -> int:
    """Create the baseline themes (collaborations.arrangements.themes.THEMES) that are missing; existing
    themes are left as moderators edited them. Returns the number created."""
    existing = set(Theme.objects.values_list("slug", flat=True))
    missing = [
        Theme(slug=slug, name=name, name_en=name_en, domain=domain)
        for slug, name, name_en, domain in THEMES
        if slug not in existing
    ]
    Theme.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
