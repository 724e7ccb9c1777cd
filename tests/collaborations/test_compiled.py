"""Querysets compiled once per process and shape (collaborations/core/compiled.py): the same
rows as ``.values()``, the data read on every call, counts per data version."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db.models import F

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.arrangements.selectors.lists import arrangement_list
from collaborations.core import compiled
from collaborations.core.compiled import compiled_count, compiled_query, compiled_rows
from tests.factories import ArrangementFactory, MembershipFactory, MunicipalityFactory, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def arrangements():
    # two municipalities on the fixed test grid near Utrecht (tests/factories.square)
    a = MunicipalityFactory(code="GM9201", name="Aa", geom=square(0, 0))
    b = MunicipalityFactory(code="GM9202", name="Bee", geom=square(1, 0))
    for n, members in enumerate(([a], [a, b], [b])):
        arrangement = ArrangementFactory(name=f"Verband {n}", start_date=datetime.date(2010, 1, 1))
        for member in members:
            MembershipFactory(arrangement=arrangement, municipality=member)
    return a, b


def _page(offset: int, size: int):
    queryset = arrangement_list(filters=ArrangementFilter(), ordering="-member_count")
    values = {"naam": F("name"), "leden": F("member_count"), "themas": F("theme_slugs")}
    return queryset[offset : offset + size].values("id", "start_date", **values), queryset


def test_rows_and_count_are_those_of_the_queryset(arrangements):
    rows, counted = _page(0, 2)
    query = compiled_query(key=("test", 0, 2), build=lambda: _page(0, 2))
    assert compiled_rows(query) == list(rows)
    assert compiled_count(query, version=None) == counted.count() == 3
    assert isinstance(compiled_rows(query)[0]["start_date"], datetime.date)


def test_compiled_once_and_the_data_read_every_time(arrangements, monkeypatch):
    calls = []

    def build():
        calls.append(1)
        return _page(0, 10)

    query = compiled_query(key=("test-once",), build=build)
    assert len(compiled_rows(query)) == 3
    Arrangement.objects.filter(name="Verband 0").update(name="Hernoemd")
    again = compiled_query(key=("test-once",), build=build)
    assert again is query and len(calls) == 1
    assert "Hernoemd" in [row["naam"] for row in compiled_rows(again)]


def test_count_is_kept_per_data_version(arrangements):
    cache.clear()
    query = compiled_query(key=("test-count",), build=lambda: _page(0, 10))
    assert compiled_count(query, version="1") == 3
    ArrangementFactory(name="Nog een")
    assert compiled_count(query, version="1") == 3  # kept for that version
    assert compiled_count(query, version="2") == 4


def test_the_least_recently_used_shape_goes_first(arrangements, monkeypatch):
    monkeypatch.setattr(compiled, "SIZE", 2)
    monkeypatch.setattr(compiled, "_memo", type(compiled._memo)())
    monkeypatch.setattr(compiled, "_models", {})
    for key in ("a", "b", "c"):
        compiled_query(key=key, build=lambda: _page(0, 1))
    assert [k for k, _alias in compiled._memo] == ["b", "c"]
