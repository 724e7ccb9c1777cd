"""Reading the data version (see models.DataVersion)."""

from collaborations.models import DataVersion

DEFAULT_KEY = "data"


def data_version(*, key: str = DEFAULT_KEY) -> str:
    """A short token that changes whenever the data in scope ``key`` changes."""
    row = DataVersion.objects.filter(key=key).values_list("version", "changed_at").first()
    if row is None:
        return "0"
    return f"{row[0]}-{int(row[1].timestamp())}"
