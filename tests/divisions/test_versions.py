"""Versions of a division through the generic path (divisions.services): continued, new and
ended regions, municipalities that move, memberships that change on the version's date, and
applying a version again. A small world of factories (no files):

- A, B, C, D, E, G exist throughout; F (GM9906) is merged into E on 2019-01-01;
- version 2016 of ``jeugdregios``: Noord {A, B}, Midden {C, F}, Zuid {D, E, G};
- version 2025: JZ01 Noord Stad {A} (Noord renamed), JZ02 Midden {C, E}, JZ03 Zuid {D, G, B}:
  B moves from Noord to Zuid; E, in Zuid itself and in Midden through F, stays in Midden."""

from __future__ import annotations

import datetime

import pytest

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.divisions.selectors import (
    division_partition,
    division_partitions,
    municipality_region_history,
)
from collaborations.divisions.services import (
    FamilySpec,
    MemberInput,
    RegionDefaults,
    RegionInput,
    VersionError,
    VersionInput,
    division_version_apply,
    division_version_plan,
)
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import MunicipalityFactory, ReorganisationFactory

pytestmark = pytest.mark.django_db

D2016, D2025, D2026 = (
    datetime.date(2016, 1, 1),
    datetime.date(2025, 1, 1),
    datetime.date(2026, 1, 1),
)
FAMILY = FamilySpec(
    slug="jeugdregios",
    name="Jeugdregio's",
    domain="sociaal",
    regions=RegionDefaults(themes=("jeugd",), name_format="Jeugdregio {regio}"),
)


@pytest.fixture
def world():
    codes = {key: f"GM990{i}" for i, key in enumerate("ABCDEFG", start=1)}
    m = {key: MunicipalityFactory(code=code, name=f"Gemeente {key}") for key, code in codes.items()}
    m["F"].valid_to = datetime.date(2019, 1, 1)
    m["F"].save()
    ReorganisationFactory(
        date=datetime.date(2019, 1, 1), predecessor=m["F"], successor=m["E"], kind="toevoeging"
    )
    lineage_rebuild()
    return m


def region(name: str, *keys: str, code: str = "", m=None) -> RegionInput:
    members = tuple(MemberInput(m[k].code, m[k].name) for k in keys)
    return RegionInput(name=name, code=code, members=members, reference=f"test:{code or name}")


def apply(day, regions, label=None):
    version = VersionInput(valid_from=day, label=label or str(day.year), provenance="Test.")
    plan = division_version_plan(family=FAMILY, version=version, regions=regions)
    return plan, division_version_apply(plan=plan)


def v2016(m):
    return [
        region("Noord", "A", "B", m=m),
        region("Midden", "C", "F", m=m),
        region("Zuid", "D", "E", "G", m=m),
    ]


def v2025(m):
    return [
        region("Noord Stad", "A", code="JZ01", m=m),
        region("Midden", "C", "E", code="JZ02", m=m),
        region("Zuid", "D", "G", "B", code="JZ03", m=m),
    ]


def members_on(name: str, day: datetime.date) -> list[str]:
    arrangement = Arrangement.objects.get(short_name=name)
    return sorted(
        Membership.objects.filter(arrangement=arrangement)
        .filter(valid_from__lte=day)
        .exclude(valid_to__lte=day)
        .values_list("municipality__code", flat=True)
    )


def test_the_first_version_starts_its_regions_on_its_date(world):
    plan, result = apply(D2016, v2016(world))

    division = Division.objects.get(slug="jeugdregios")
    assert (division.name, division.domain, division.kind, division.country) == (
        "Jeugdregio's",
        "sociaal",
        "samenwerking",
        "nl",
    )
    version = DivisionVersion.objects.get(division=division)
    assert (version.valid_from, version.label) == (D2016, "2016")
    noord = Arrangement.objects.get(division=division, short_name="Noord")
    assert (noord.name, noord.start_date, noord.end_date) == ("Jeugdregio Noord", D2016, None)
    assert list(noord.themes.values_list("slug", flat=True)) == ["jeugd"]
    assert set(noord.memberships.values_list("valid_from", "valid_to")) == {(D2016, None)}
    assert result.counts["regions"] == [3, 0, 0]
    assert result.counts["memberships"] == [7, 0, 0]
    assert [entry["naam"] for entry in version.report["nieuw"]] == ["Midden", "Noord", "Zuid"]
    assert not plan.moved


def test_a_new_version_continues_regions_and_moves_members_on_its_date(world):
    apply(D2016, v2016(world))
    noord = Arrangement.objects.get(short_name="Noord")

    plan, result = apply(D2025, v2025(world))

    noord.refresh_from_db()
    # continued by member overlap (A, B -> A: 1/2), renamed, given its code
    assert (noord.short_name, noord.name, noord.region_code) == (
        "Noord Stad",
        "Jeugdregio Noord Stad",
        "JZ01",
    )
    assert Arrangement.objects.filter(division__slug="jeugdregios").count() == 3
    assert members_on("Noord Stad", datetime.date(2020, 6, 1)) == ["GM9901", "GM9902"]
    assert members_on("Noord Stad", datetime.date(2025, 6, 1)) == ["GM9901"]
    # A stays: one membership from 2016 on; B leaves Noord and joins Zuid on 2025-01-01
    a = Membership.objects.get(arrangement=noord, municipality=world["A"])
    assert (a.valid_from, a.valid_to) == (D2016, None)
    b = Membership.objects.get(arrangement=noord, municipality=world["B"])
    assert (b.valid_from, b.valid_to) == (D2016, D2025)
    zuid = Arrangement.objects.get(short_name="Zuid")
    joined = Membership.objects.get(arrangement=zuid, municipality=world["B"])
    assert (joined.valid_from, joined.valid_to) == (D2025, None)
    # F (merged into E in 2019) is replaced by E as recorded: F's membership ends
    midden = Arrangement.objects.get(short_name="Midden")
    f = Membership.objects.get(arrangement=midden, municipality=world["F"])
    assert f.valid_to == D2025
    moved = {(m.code, m.before, m.after, m.by_merger) for m in plan.moved}
    assert moved == {
        ("GM9902", ("Noord",), ("Zuid",), False),
        ("GM9905", ("Midden", "Zuid"), ("Midden",), True),
    }
    report = DivisionVersion.objects.get(valid_from=D2025).report
    assert [m["naam"] for m in report["verhuisd"]] == ["Gemeente B"]
    assert [m["naam"] for m in report["naHerindeling"]] == ["Gemeente E"]
    assert len(plan.continued) == 3 and not plan.new and not plan.ended
    assert result.counts["memberships"][0] == 2  # B in Zuid, E in Midden


def test_a_region_that_is_not_continued_ends_and_a_new_one_starts(world):
    apply(D2016, v2016(world))
    regions = [
        region("Noord", "A", "B", code="JZ01", m=world),
        region("Kust", "C", code="JZ05", m=world),  # Midden {C, F->E} -> {C}: 1/2, continues
        region("Polder", "D", "E", code="JZ06", m=world),  # Zuid {D, E}: 1.0, continues
    ]
    plan, _ = apply(D2025, regions)
    assert not plan.ended and not plan.new

    regions = [
        region("Noord", "A", "B", code="JZ01", m=world),
        region("Eiland", "C", "D", "E", code="JZ07", m=world),
    ]
    plan, result = apply(D2026, regions)

    # Kust {C} and Polder {D, E} against Eiland {C, D, E}: the best match (2/3, Polder)
    # continues, Kust ends
    assert [r.short_name for r in plan.ended] == ["Kust"]
    kust = Arrangement.objects.get(short_name="Kust")
    assert kust.end_date == D2026
    assert not kust.memberships.filter(valid_to__isnull=True).exists()
    assert Arrangement.objects.get(region_code="JZ07").start_date == D2016  # was Zuid, Polder
    assert result.counts["regions"][1] >= 2


def test_a_new_region_without_a_match_starts_on_the_date(world):
    apply(D2016, v2016(world))
    regions = [*v2025(world)[:2], region("Zuid", "D", "G", code="JZ03", m=world)]
    regions.append(region("Eiland", "B", code="JZ09", m=world))
    plan, _ = apply(D2025, regions)
    assert [a.region.name for a in plan.new] == ["Eiland"]
    eiland = Arrangement.objects.get(short_name="Eiland")
    assert (eiland.start_date, eiland.end_date, eiland.region_code) == (D2025, None, "JZ09")


def test_applying_a_version_again_changes_nothing(world):
    apply(D2016, v2016(world))
    _, first = apply(D2025, v2025(world))
    rows = sorted(Membership.objects.values_list("pk", "valid_from", "valid_to"))
    report = DivisionVersion.objects.get(valid_from=D2025).report

    plan, second = apply(D2025, v2025(world))
    plan_old, third = apply(D2016, v2016(world))  # an older version, unchanged

    assert not plan.changes_anything() and not plan_old.changes_anything()
    for result in (second, third):
        assert all(c == u == 0 for c, u, _ in result.counts.values()), result.counts
    assert sorted(Membership.objects.values_list("pk", "valid_from", "valid_to")) == rows
    assert DivisionVersion.objects.get(valid_from=D2025).report == report
    assert first.counts["versions"] == [1, 0, 0]


def test_a_corrected_file_undoes_what_the_version_did(world):
    apply(D2016, v2016(world))
    apply(D2025, v2025(world))
    corrected = [
        region("Noord Stad", "A", "B", code="JZ01", m=world),  # B stays after all
        region("Midden", "C", "E", code="JZ02", m=world),
        region("Zuid", "D", "G", code="JZ03", m=world),
    ]

    plan, _ = apply(D2025, corrected)

    assert [m.code for m in plan.moved if not m.by_merger] == []
    b = Membership.objects.filter(municipality=world["B"]).order_by("valid_from")
    assert [(m.arrangement.short_name, m.valid_from, m.valid_to) for m in b] == [
        ("Noord Stad", D2016, None)  # reopened; the membership of Zuid from 2025 is gone
    ]


def test_an_older_version_with_changes_is_refused(world):
    apply(D2016, v2016(world))
    apply(D2025, v2025(world))
    changed = [region("Noord", "A", m=world), *v2016(world)[1:]]
    with pytest.raises(VersionError, match="newer version exists"):
        apply(D2016, changed)


def test_a_region_listed_twice_is_refused(world):
    with pytest.raises(VersionError, match="listed twice"):
        apply(D2016, [region("Noord", "A", m=world), region("noord", "B", m=world)])


def test_unknown_codes_are_reported_and_skipped(world):
    regions = [RegionInput("Noord", (MemberInput("GM0999", "Nergens", where="rij 7"),))]
    plan, _ = apply(D2016, [*regions, region("Zuid", "D", m=world)])
    assert plan.unmatched == ["rij 7: no municipality with code GM0999 (Nergens) in Noord"]


def test_partitions_on_a_day(world):
    apply(D2016, v2016(world))
    apply(D2025, v2025(world))
    division = Division.objects.get(slug="jeugdregios")
    ids = dict(Arrangement.objects.values_list("short_name", "pk"))
    m = world

    before = division_partition(division=division, day=datetime.date(2020, 6, 1))
    after = division_partition(division=division, day=datetime.date(2025, 6, 1))

    # 2020: E is in Zuid itself and in Midden through F (equal shares: the lowest id wins)
    assert before[m["E"].pk] == ids["Midden"]
    assert before[m["B"].pk] == ids["Noord Stad"]
    assert before[m["C"].pk] == ids["Midden"]
    assert m["F"].pk not in before
    assert after == {
        m["A"].pk: ids["Noord Stad"],
        m["B"].pk: ids["Zuid"],
        m["C"].pk: ids["Midden"],
        m["D"].pk: ids["Zuid"],
        m["E"].pk: ids["Midden"],
        m["G"].pk: ids["Zuid"],
    }
    assert division_partitions(day=datetime.date(2025, 6, 1)) == {division.pk: after}
    assert division_partition(division=division, day=datetime.date(2015, 6, 1)) == {}


def test_a_municipality_s_regions_through_time(world):
    apply(D2016, v2016(world))
    apply(D2025, v2025(world))

    history = municipality_region_history(municipality_id=world["B"].pk)

    assert [
        (d["indeling"], [(r["naam"], r["vanaf"], r["tot"]) for r in d["regios"]]) for d in history
    ] == [
        (
            "jeugdregios",
            [("Jeugdregio Noord Stad", D2016, D2025), ("Jeugdregio Zuid", D2025, None)],
        )
    ]
    # E represents F from the merger on: Midden from 2019 (via F) and from 2025 (itself) merge
    e = municipality_region_history(municipality_id=world["E"].pk)[0]["regios"]
    assert [(r["naam"], r["vanaf"], r["tot"]) for r in e] == [
        ("Jeugdregio Zuid", D2016, D2025),
        ("Jeugdregio Midden", datetime.date(2019, 1, 1), None),
    ]


def test_a_name_already_taken_in_the_division_gets_the_version(world):
    apply(D2016, [region("Noord", "A", "B", m=world), region("Zuid", "C", "D", m=world)])
    # Noord ends (no overlap); a new region named Noord starts
    plan, _ = apply(D2025, [region("Zuid", "C", "D", m=world), region("Noord", "E", m=world)])
    assert [r.short_name for r in plan.ended] == ["Noord"]
    names = sorted(Arrangement.objects.values_list("name", flat=True))
    assert names == ["Jeugdregio Noord", "Jeugdregio Noord (2025)", "Jeugdregio Zuid"]
