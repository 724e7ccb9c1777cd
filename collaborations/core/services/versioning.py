"""Bumping the data version whenever published data changes (see models.DataVersion)."""

from django.db.models import F

from collaborations.core.models import DataVersion
from collaborations.core.selectors import data_version_forget

DEFAULT_SCOPE = "data"


def data_version_bump(*, key: str = DEFAULT_SCOPE) -> None:
    """Mark data as changed; runs inside the caller's transaction, so a rolled-back change
    does not bump."""
    updated = DataVersion.objects.filter(key=key).update(version=F("version") + 1)
    if not updated:
        DataVersion.objects.get_or_create(key=key, defaults={"version": 1})
    data_version_forget()
