"""A SYNTHETIC country for scale tests (issue 15 part 5; bench/bench_scale.py): a grid of square
municipalities in provinces of 30 x 30 cells, arrangements of rectangular blocks of neighbours
with their members, footprints and the lineage self rows. Nothing here is real: every name
starts with "SYNTHETIC", and the data source is SOURCE_NAME ("SYNTHETIC, en dash, generated, not real").

Generated in PostgreSQL (generate_series, ST_MakeEnvelope), never row by row in Python, and
only in a database whose name contains "synthetic" and that holds no other municipalities."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from collaborations.arrangements.models import (
    Arrangement,
    DataSource,
    Membership,
    MunicipalityMembership,
)
from collaborations.clustering.models import ClusteringRun
from collaborations.core.choices import LegalFormFamily
from collaborations.geography.models import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
)
from collaborations.tiles.models import TileGeometry

SOURCE_SLUG = "synthetic"
SOURCE_NAME = "SYNTHETIC \u2013 generated, not real"
PREFIX = "SYNTHETIC"
#: cell size in degrees, and the south-west corner of the grid (so it stays in EPSG:28992's
#: area of use for the metric work of the BRE)
CELL = 0.01
ORIGIN = (3.4, 50.8)
#: The codes must pass the models' format checks: municipalities are BE + 5 digits (country
#: "be", so at most 100,000; the API shows them with land=be), provinces PV + 2 digits (a grid
#: of at most 10 x 10).
MAX_MUNICIPALITIES = 100_000
PROVINCES_PER_SIDE = 10


class NotSyntheticDatabaseError(Exception):
    """Refused: the database is not a synthetic one (its name lacks "synthetic") or it
    already holds municipalities that are not synthetic."""


@dataclass(frozen=True)
class SyntheticCountry:
    municipalities: int
    provinces: int
    arrangements: int
    memberships: int


def _guard() -> None:
    name = connection.settings_dict["NAME"] or ""
    if "synthetic" not in name.lower():
        raise NotSyntheticDatabaseError(
            f"database {name!r}: a synthetic country is only generated in a database whose "
            "name contains 'synthetic'"
        )
    if Municipality.objects.exclude(name__startswith=PREFIX).exists():
        raise NotSyntheticDatabaseError(f"database {name!r} holds real municipalities")


def _execute(sql: str, params: dict) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def synthetic_country_analyze() -> None:
    """Refresh the planner's statistics of the tables the synthetic country filled (the
    memberships in force and the tile geometry included). Without them PostgreSQL plans the
    reads for a handful of rows (its estimate for tables it has not sampled yet) and scans
    100,000 municipalities where an index range lookup answers; autovacuum would get there
    eventually, a benchmark run right after the generation would not wait for it."""
    _guard()
    models = (
        Municipality, Province, MunicipalityBoundary, MunicipalityLineage, Arrangement,
        Membership, MunicipalityMembership, TileGeometry,
    )  # fmt: skip
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def synthetic_country_generate(
    *, municipalities: int, arrangements: int, seed: int = 1
) -> SyntheticCountry:
    """Replace the synthetic country of this database by a new one (one transaction)."""
    if not 4 <= municipalities <= MAX_MUNICIPALITIES:
        raise ValueError(f"municipalities: between 4 and {MAX_MUNICIPALITIES}")
    _guard()
    side = math.ceil(math.sqrt(municipalities))
    tables = {
        "m": Municipality._meta.db_table,
        "p": Province._meta.db_table,
        "b": MunicipalityBoundary._meta.db_table,
        "l": MunicipalityLineage._meta.db_table,
        "a": Arrangement._meta.db_table,
        "ms": Membership._meta.db_table,
    }
    params = {
        "n": municipalities, "side": side, "cell": CELL, "x0": ORIGIN[0], "y0": ORIGIN[1],
        "pc": math.ceil(side / PROVINCES_PER_SIDE), "prefix": PREFIX, "seed": (seed % 1000) / 1000,
    }  # fmt: skip
    with transaction.atomic():
        ClusteringRun.objects.all().delete()
        Arrangement.objects.filter(name__startswith=PREFIX).delete()
        MunicipalityLineage.objects.all().delete()
        MunicipalityBoundary.objects.all().delete()
        Municipality.objects.all().delete()
        Province.objects.filter(name__startswith=PREFIX).delete()
        source, _ = DataSource.objects.update_or_create(
            slug=SOURCE_SLUG,
            defaults={"name": SOURCE_NAME, "publisher": "Regioatlas (synthetic_country)"},
        )
        # Table names come from the models, values are parameters.
        provinces = _execute(
            f"""INSERT INTO {tables["p"]} (code, name, geom)
            SELECT 'PV' || lpad(k::text, 2, '0'), %(prefix)s || ' provincie ' || k,
                   ST_Multi(ST_MakeEnvelope(%(x0)s + px * %(pc)s * %(cell)s,
                       %(y0)s + py * %(pc)s * %(cell)s, %(x0)s + (px + 1) * %(pc)s * %(cell)s,
                       %(y0)s + (py + 1) * %(pc)s * %(cell)s, 4326))
            FROM (SELECT px, py, py * ceil(%(side)s::float / %(pc)s)::int + px AS k
                  FROM generate_series(0, ceil(%(side)s::float / %(pc)s)::int - 1) px,
                       generate_series(0, ceil(%(side)s::float / %(pc)s)::int - 1) py) g""",  # noqa: S608
            params,
        )
        count = _execute(
            f"""INSERT INTO {tables["m"]} (code, name, country, province_id, geom)
            SELECT 'BE' || lpad(i::text, 5, '0'), %(prefix)s || ' gemeente ' || i, 'be',
                   (SELECT id FROM {tables["p"]} WHERE code = 'PV' || lpad(((i / %(side)s)
                       / %(pc)s * ceil(%(side)s::float / %(pc)s)::int + (i %% %(side)s)
                       / %(pc)s)::text, 2, '0')),
                   ST_Multi(ST_MakeEnvelope(%(x0)s + (i %% %(side)s) * %(cell)s,
                       %(y0)s + (i / %(side)s) * %(cell)s,
                       %(x0)s + (i %% %(side)s + 1) * %(cell)s,
                       %(y0)s + (i / %(side)s + 1) * %(cell)s, 4326))
            FROM generate_series(0, %(n)s - 1) i""",  # noqa: S608
            params,
        )
        _execute(
            f"""INSERT INTO {tables["b"]} (municipality_id, year, geom, geom_coverage, source)
            SELECT id, 2024, geom, geom, %(prefix)s FROM {tables["m"]}""",  # noqa: S608
            params,
        )
        _execute(
            f"""INSERT INTO {tables["l"]} (ancestor_id, descendant_id, share, is_main)
            SELECT id, id, 1, true FROM {tables["m"]}""",  # noqa: S608
            params,
        )
        now = timezone.now()
        Arrangement.objects.bulk_create(
            (
                Arrangement(
                    name=f"{PREFIX} samenwerking {k}",
                    slug=f"synthetic-{k}",
                    legal_form_family=LegalFormFamily.NETWERK,
                    description=SOURCE_NAME,
                    source=source,
                    footprint_updated_at=now,
                )
                for k in range(arrangements)
            ),
            batch_size=5000,
        )
        # Each arrangement: a block of 2-5 x 2-5 neighbouring cells at a seeded random place.
        _execute("SELECT setseed(%(seed)s)", params)
        members = _execute(
            f"""WITH a AS MATERIALIZED (
                SELECT id, 2 + floor(random() * 4)::int AS w, 2 + floor(random() * 4)::int AS h,
                       random() AS rx, random() AS ry
                FROM {tables["a"]} WHERE name LIKE %(prefix)s || '%%' ORDER BY id)
            INSERT INTO {tables["ms"]} (arrangement_id, municipality_id, role, name_as_recorded, source_id)
            SELECT a.id, m.id, 'deelnemer', '', {source.pk}
            FROM a CROSS JOIN LATERAL generate_series(0, a.w - 1) dx
                 CROSS JOIN LATERAL generate_series(0, a.h - 1) dy
                 CROSS JOIN LATERAL (SELECT floor(a.rx * (%(side)s - a.w))::int AS c,
                                 floor(a.ry * (%(side)s - a.h))::int AS r) o
            JOIN {tables["m"]} m ON (o.r + dy) * %(side)s + o.c + dx < %(n)s
                 AND m.code = 'BE' || lpad(((o.r + dy) * %(side)s + o.c + dx)::text, 5, '0')
            """,  # noqa: S608
            params,
        )
        _execute(
            f"""UPDATE {tables["a"]} a SET footprint = u.geom FROM (
                SELECT ms.arrangement_id, ST_Multi(ST_Union(m.geom)) AS geom
                FROM {tables["ms"]} ms JOIN {tables["m"]} m ON m.id = ms.municipality_id
                GROUP BY ms.arrangement_id) u WHERE u.arrangement_id = a.id""",  # noqa: S608
            params,
        )
    return SyntheticCountry(count, provinces, arrangements, members)
