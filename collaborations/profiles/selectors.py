"""Reads of a municipality's profile: worked out from the data, or the stored document."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import F, OuterRef, Subquery, TextField

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.arrangements.selectors.municipalities import municipality_profile
from collaborations.clustering.selectors.profile import municipality_bre
from collaborations.divisions.selectors import municipality_region_history
from collaborations.geography.models import Municipality
from collaborations.profiles.models import MunicipalityDocument


def municipality_detail_parts(
    *, municipality: Municipality, filters: ArrangementFilter
) -> dict[str, Any]:
    """The parts of a municipality's detail worked out from the data, in the API's order:
    its profile (arrangements per theme and legal form, partners, official regions,
    succession), its regions through time (``regioGeschiedenis``) and its BRE (``bre``)."""
    return {
        **municipality_profile(municipality=municipality, filters=filters),
        "regioGeschiedenis": municipality_region_history(municipality_id=municipality.pk),
        "bre": municipality_bre(municipality=municipality),
    }


def default_filters(*, municipality: Municipality) -> ArrangementFilter:
    """The filters of the default request (no filter, today) for ``municipality``: the
    arrangements and regions of its own country."""
    return ArrangementFilter(country=municipality.country)


def stored_document(*, version: int, day: datetime.date) -> Subquery:
    """An expression for a queryset of municipalities: the JSON text of each one's stored
    default profile of data ``version`` on ``day`` (None when not built yet), so that the
    municipality and its document come in one query."""
    rows = MunicipalityDocument.objects.filter(
        municipality_id=OuterRef("pk"), version=version, day=day
    ).values("document")[:1]
    return Subquery(rows, output_field=TextField())


#: The municipality's own fields of the detail, as values() expressions.
OWN_FIELDS = {
    "naam": F("name"),
    "land": F("country"),
    "provincie": F("province__code"),
    "provincieNaam": F("province__name"),
    "geldigVanaf": F("valid_from"),
    "geldigTot": F("valid_to"),
}


def stored_profile_row(
    *, code: str, version: int, day: datetime.date, geometry: Any = None
) -> dict[str, Any] | None:
    """The default detail of municipality ``code`` in one query: ``id``, ``code``, its own
    fields (:data:`OWN_FIELDS`), ``_geometry`` (when a ``geometry`` expression is given) and
    ``_document``, its stored profile of data ``version`` on ``day`` (None when not built
    yet). None when there is no such municipality. (Not compiled once per key as the list
    pages are: the code, version and day are in the SQL, so every municipality would be a
    shape of its own and push the lists' shapes out of core.compiled's memo.)"""
    values: dict[str, Any] = {**OWN_FIELDS, "_document": stored_document(version=version, day=day)}
    if geometry is not None:
        values["_geometry"] = geometry
    return Municipality.objects.filter(code=code).order_by().values("id", "code", **values).first()
