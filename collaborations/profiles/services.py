"""Building the stored default profile of a municipality (see models.MunicipalityDocument)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from collaborations.geography.models import Municipality
from collaborations.profiles.models import MunicipalityDocument
from collaborations.profiles.selectors import default_filters, municipality_detail_parts


def _plain(value: Any) -> Any:
    """JSON for the values the profile holds besides JSON's own: dates as ISO text and
    decimals as numbers, as the API renders them (atlas_api/renderers.py)."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def document_text(parts: dict[str, Any]) -> str:
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=_plain)


def municipality_document_build(
    *, municipality: Municipality, version: int, day: datetime.date
) -> str:
    """Work out the default profile of ``municipality`` (as of now, which is data ``version``
    on ``day``), store it under that key and return its JSON text. Earlier versions and other
    days of this municipality are deleted. Safe to run twice at once: the second insert does
    nothing. The caller reads ``version`` before building, so a write committed in between
    can only make the row belong to an older key than its content, never the other way
    round; and that write's triggers delete the row anyway."""
    text = document_text(
        municipality_detail_parts(
            municipality=municipality, filters=default_filters(municipality=municipality)
        )
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # derived data, rebuilt on the next read if a crash loses it: do not wait for the WAL
        # to reach the disk (the reader's COMMIT cost more than the rest under load)
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        MunicipalityDocument.objects.filter(municipality=municipality).exclude(
            version=version, day=day
        ).delete()
        MunicipalityDocument.objects.bulk_create(
            [
                MunicipalityDocument(
                    municipality=municipality, version=version, day=day, document=text
                )
            ],
            ignore_conflicts=True,
        )
    return text
