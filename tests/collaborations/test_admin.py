"""The admin: every changelist and change page, search and filters, the map of the current
municipalities, constant query counts, no geometry in lists, the read-only footprint map and
the "Gebied herberekenen" action.

Geometries are the fixed 0.05-degree squares near Utrecht of tests/factories.py."""

import datetime
import itertools
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atlas_web.admin import arrangements as admin_arrangements
from collaborations import models
from collaborations.core.choices import LegalFormFamily, OrganisationKind, PublicationStatus
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    ArrangementFactory,
    DataSourceFactory,
    DivisionFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProvinceFactory,
    ReorganisationFactory,
    ThemeFactory,
    square,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


# --- builders: n objects of a model, with the relations its list shows ------------------------


def make_provinces(n):
    start = models.Province.objects.count()  # there are only twelve codes, PV20..PV31
    return [ProvinceFactory(code=f"PV{20 + start + i:02d}") for i in range(n)]


def make_municipalities(n):
    provinces = [ProvinceFactory(code=code) for code in ("PV25", "PV26", "PV27")]
    return [MunicipalityFactory(province=provinces[i % 3]) for i in range(n)]


def make_boundaries(n):
    return [MunicipalityBoundaryFactory(municipality=m) for m in make_municipalities(n)]


def make_reorganisations(n):
    return ReorganisationFactory.create_batch(n)


def make_lineage(n):
    return [
        models.MunicipalityLineage.objects.create(ancestor=m, descendant=m)
        for m in make_municipalities(n)
    ]


def make_sources(n):
    return DataSourceFactory.create_batch(n)


def make_themes(n):
    return [ThemeFactory(slug=f"testthema-{next(_numbers)}") for _ in range(n)]


def make_organisations(n):
    return OrganisationFactory.create_batch(n)


def make_divisions(n):
    source = DataSourceFactory()
    return [DivisionFactory(source=source) for _ in range(n)]


def make_arrangements(n):
    themes = make_themes(2)
    division = DivisionFactory()
    arrangements = []
    for i in range(n):
        arrangement = ArrangementFactory(themes=themes, division=division if i % 2 else None)
        MembershipFactory(arrangement=arrangement)
        MembershipFactory(
            arrangement=arrangement, municipality=None, organisation=OrganisationFactory()
        )
        arrangements.append(arrangement)
    return arrangements


def make_memberships(n):
    province = ProvinceFactory(code="PV26")
    arrangement = ArrangementFactory()
    memberships = []
    for i in range(n):
        if i % 3 == 0:
            extra = {}
        elif i % 3 == 1:  # one province membership per arrangement and start date
            extra = {"municipality": None, "province": province}
            extra["valid_from"] = datetime.date(2000 + i, 1, 1)
        else:
            extra = {"municipality": None, "organisation": OrganisationFactory()}
        memberships.append(MembershipFactory(arrangement=arrangement, **extra))
    return memberships


def make_data_versions(n):
    return [
        models.DataVersion.objects.create(key=f"test-{next(_numbers)}", version=i) for i in range(n)
    ]


BUILDERS = {
    models.Province: make_provinces,
    models.Municipality: make_municipalities,
    models.MunicipalityBoundary: make_boundaries,
    models.Reorganisation: make_reorganisations,
    models.MunicipalityLineage: make_lineage,
    models.DataSource: make_sources,
    models.Theme: make_themes,
    models.Organisation: make_organisations,
    models.Division: make_divisions,
    models.Arrangement: make_arrangements,
    models.Membership: make_memberships,
    models.DataVersion: make_data_versions,
}
MODELS = list(BUILDERS)
# Arrangements and memberships are edited through the registration forms (history, versions).
READ_ONLY = {models.MunicipalityLineage, models.DataVersion, models.Arrangement, models.Membership}
GEOMETRY_COLUMN = re.compile(r'\."(geom|geom_coverage|footprint)"')


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def listed(response):
    return {str(obj) for obj in response.context["cl"].result_list}


def selected_columns(sql: str) -> str:
    return sql.split(" FROM ", 1)[0]


def embedded_json(response, element_id: str):
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, f"no json_script element {element_id!r}"
    return json.loads(match.group(1))


# --- every page renders ------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_page_render(admin_client, model):
    objects = BUILDERS[model](2)

    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert str(objects[0]) in listed(response)
    assert admin_client.get(admin_url(model, "change", objects[0].pk)).status_code == 200


@pytest.mark.parametrize(
    "model", [m for m in MODELS if m not in READ_ONLY], ids=lambda m: m.__name__
)
def test_add_page_renders(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", sorted(READ_ONLY, key=str), ids=lambda m: m.__name__)
def test_derived_tables_are_read_only(admin_client, model):
    (row,) = BUILDERS[model](1)
    assert admin_client.get(admin_url(model, "add")).status_code == 403
    response = admin_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200
    assert b'name="_save"' not in response.content


def test_municipality_change_page_edits_the_boundary_on_a_map(admin_client):
    municipality = MunicipalityFactory(name="Zutphen", code="GM0301")
    response = admin_client.get(admin_url(models.Municipality, "change", municipality.pk))
    content = response.content.decode()
    assert 'id="id_geom"' in content
    assert "leaflet" in content
    assert "MultiPolygon" in content  # the boundary, serialized into the map widget


# --- search and filters ---------------------------------------------------------------------


def test_municipality_search_by_name_and_code(admin_client):
    MunicipalityFactory(name="Zutphen", code="GM0301")
    MunicipalityFactory(name="Deventer", code="GM0150")
    url = admin_url(models.Municipality, "changelist")

    assert listed(admin_client.get(url, {"q": "zutph"})) == {"Zutphen (GM0301)"}
    assert listed(admin_client.get(url, {"q": "GM0150"})) == {"Deventer (GM0150)"}


def test_arrangement_and_organisation_search(admin_client):
    ArrangementFactory(name="Veiligheidsregio Utrecht", cbs_gr_code="GR1234")
    ArrangementFactory(name="Omgevingsdienst Regio Utrecht")
    OrganisationFactory(name="Waterschap Rijn en IJssel", kvk_number="12345678")
    OrganisationFactory(name="Rijkswaterstaat", kind=OrganisationKind.RIJK)

    arrangements = admin_url(models.Arrangement, "changelist")
    assert listed(admin_client.get(arrangements, {"q": "veiligheid"})) == {
        "Veiligheidsregio Utrecht"
    }
    assert listed(admin_client.get(arrangements, {"q": "GR1234"})) == {"Veiligheidsregio Utrecht"}
    organisations = admin_url(models.Organisation, "changelist")
    assert listed(admin_client.get(organisations, {"q": "12345678"})) == {
        "Waterschap Rijn en IJssel"
    }


def test_municipality_province_and_validity_filters(admin_client):
    utrecht = ProvinceFactory(code="PV26", name="Utrecht")
    gelderland = ProvinceFactory(code="PV25", name="Gelderland")
    MunicipalityFactory(name="Houten", code="GM0321", province=utrecht)
    MunicipalityFactory(
        name="Maarssen", code="GM0333", province=utrecht, valid_to=datetime.date(2011, 1, 1)
    )
    MunicipalityFactory(name="Zutphen", code="GM0301", province=gelderland)
    url = admin_url(models.Municipality, "changelist")

    response = admin_client.get(url, {"province__id__exact": utrecht.pk})
    assert listed(response) == {"Houten (GM0321)", "Maarssen (GM0333)"}
    assert "Gelderland" in response.content.decode()  # the filter lists the provinces
    assert listed(admin_client.get(url, {"geldig": "huidig"})) == {
        "Houten (GM0321)",
        "Zutphen (GM0301)",
    }
    assert listed(admin_client.get(url, {"geldig": "historisch"})) == {"Maarssen (GM0333)"}


def test_arrangement_filters(admin_client):
    wonen = ThemeFactory(slug="testthema-filter", name="Testthema filter")
    division = DivisionFactory(name="Veiligheidsregio's")
    ArrangementFactory(
        name="Regio A",
        legal_form_family=LegalFormFamily.WGR,
        legal_form="openbaar-lichaam",
        is_mandatory=True,
        division=division,
        stage="startup",
        themes=[wonen],
    )
    ArrangementFactory(
        name="Regio B",
        publication_status=PublicationStatus.DRAFT,
        end_date=datetime.date(2020, 1, 1),
    )
    url = admin_url(models.Arrangement, "changelist")

    for params in (
        {"legal_form_family__exact": "wgr"},
        {"legal_form__exact": "openbaar-lichaam"},
        {"is_mandatory__exact": "1"},
        {"division__id__exact": division.pk},
        {"stage__exact": "startup"},
        {"themes__id__exact": wonen.pk},
        {"publication_status__exact": PublicationStatus.PUBLISHED},
        {"geldig": "huidig"},
    ):
        assert listed(admin_client.get(url, params)) == {"Regio A"}, params
    assert listed(admin_client.get(url, {"geldig": "historisch"})) == {"Regio B"}


def test_organisation_kind_filter(admin_client):
    OrganisationFactory(name="Waterschap Vallei en Veluwe")
    OrganisationFactory(name="Ministerie van BZK", kind=OrganisationKind.RIJK)
    url = admin_url(models.Organisation, "changelist")
    assert listed(admin_client.get(url, {"kind__exact": "rijk"})) == {"Ministerie van BZK"}


def test_arrangement_list_counts_members_and_sorts_on_the_count(admin_client):
    ArrangementFactory(name="Zonder leden")
    arrangement = ArrangementFactory(name="Regio Zwolle")
    MembershipFactory.create_batch(3, arrangement=arrangement)
    url = admin_url(models.Arrangement, "changelist")

    response = admin_client.get(url)
    counts = {obj.name: obj.member_count for obj in response.context["cl"].result_list}
    assert counts == {"Regio Zwolle": 3, "Zonder leden": 0}
    column = response.context["cl"].list_display.index("member_count")
    rows = admin_client.get(url, {"o": f"-{column}"}).context["cl"].result_list
    assert [obj.name for obj in rows] == ["Regio Zwolle", "Zonder leden"]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_sorts_on_every_column(admin_client, model):
    BUILDERS[model](3)
    url = admin_url(model, "changelist")
    columns = len(admin_client.get(url).context["cl"].list_display)
    for index in range(columns):
        for direction in ("", "-"):
            assert admin_client.get(url, {"o": f"{direction}{index}"}).status_code == 200


@pytest.mark.parametrize(
    "model",
    [models.Theme, models.Division, models.Province],
    ids=lambda m: m.__name__,
)
def test_delete_action_works_on_annotated_lists(admin_client, model):
    doomed, kept = BUILDERS[model](2)
    response = admin_client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not model.objects.filter(pk=doomed.pk).exists()
    assert model.objects.filter(pk=kept.pk).exists()


# --- query counts and geometry in lists ---------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, model
):
    url = admin_url(model, "changelist")
    BUILDERS[model](3)
    admin_client.get(url)  # warm the per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200

    BUILDERS[model](9 if model is models.Province else 17)
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) >= 12


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_never_selects_geometry(admin_client, model):
    BUILDERS[model](3)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    selecting_geometry = [
        q["sql"] for q in queries if GEOMETRY_COLUMN.search(selected_columns(q["sql"]))
    ]
    assert selecting_geometry == []


def test_municipality_autocomplete_skips_geometry(admin_client):
    MunicipalityFactory(name="Zutphen", code="GM0301")
    MunicipalityFactory(name="Deventer", code="GM0150")
    params = {
        "app_label": "collaborations",
        "model_name": "membership",
        "field_name": "municipality",
        "term": "zutph",
    }
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse("admin:autocomplete"), params)
    assert [r["text"] for r in response.json()["results"]] == ["Zutphen (GM0301)"]
    assert not any(GEOMETRY_COLUMN.search(selected_columns(q["sql"])) for q in queries)


# --- the map of the municipalities -----------------------------------------------------------


@pytest.fixture
def municipalities_on_the_map():
    """Three current municipalities in Utrecht, one in Gelderland, one merged away."""
    utrecht = ProvinceFactory(code="PV26", name="Utrecht")
    gelderland = ProvinceFactory(code="PV25", name="Gelderland")
    for col, (code, name) in enumerate(
        [("GM0321", "Houten"), ("GM0344", "Utrecht"), ("GM0356", "Nieuwegein")]
    ):
        MunicipalityFactory(code=code, name=name, province=utrecht, geom=square(col, 0))
    MunicipalityFactory(code="GM0301", name="Zutphen", province=gelderland, geom=square(5, 3))
    MunicipalityFactory(
        code="GM0333",
        name="Maarssen",
        province=utrecht,
        valid_to=datetime.date(2011, 1, 1),
        geom=square(0, 1),
    )


def coordinates(geometry):
    """Every coordinate number of a GeoJSON (Multi)Polygon."""
    rings = geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        rings = [ring for polygon in rings for ring in polygon]
    return [number for ring in rings for point in ring for number in point]


@pytest.mark.usefixtures("municipalities_on_the_map")
def test_map_shows_every_current_municipality(admin_client):
    response = admin_client.get(admin_url(models.Municipality, "map"))

    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r"4 huidige gemeenten\s*</h2>", content)
    collection = embedded_json(response, "gemeentekaart-data")
    assert collection["type"] == "FeatureCollection"
    names = [f["properties"]["name"] for f in collection["features"]]
    assert names == ["Houten", "Nieuwegein", "Utrecht", "Zutphen"]  # by name; no Maarssen
    houten = collection["features"][0]
    assert houten["properties"] == {"code": "GM0321", "name": "Houten", "province": "Utrecht"}
    assert houten["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert all(round(x, 5) == x for x in coordinates(houten["geometry"]))
    # The accessible table lists the same municipalities, linked to their pages.
    assert (
        len(re.findall(r'<td><a href="/admin/collaborations/municipality/\d+/change/">', content))
        == 4
    )
    assert "leaflet" in content and 'id="gemeentekaart"' in content


@pytest.mark.usefixtures("municipalities_on_the_map")
def test_map_filters_on_province(admin_client):
    response = admin_client.get(admin_url(models.Municipality, "map"), {"provincie": "PV25"})

    assert re.search(r"1 huidige gemeente\s+in Gelderland", response.content.decode())
    collection = embedded_json(response, "gemeentekaart-data")
    assert [f["properties"]["code"] for f in collection["features"]] == ["GM0301"]


def test_map_with_unknown_province_is_empty(admin_client):
    make_municipalities(2)
    response = admin_client.get(admin_url(models.Municipality, "map"), {"provincie": "PV99"})
    assert response.status_code == 200
    assert embedded_json(response, "gemeentekaart-data")["features"] == []


def test_map_is_one_query_for_the_layer(admin_client, django_assert_max_num_queries):
    url = admin_url(models.Municipality, "map")
    make_municipalities(3)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    make_municipalities(30)
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(url)
    assert len(embedded_json(response, "gemeentekaart-data")["features"]) == 33


def test_map_needs_a_staff_login(client):
    response = client.get(admin_url(models.Municipality, "map"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_municipality_changelist_links_to_the_map(admin_client):
    response = admin_client.get(admin_url(models.Municipality, "changelist"))
    assert admin_url(models.Municipality, "map") in response.content.decode()
    assert "Kaart van de gemeenten" in response.content.decode()


# --- arrangement footprint ------------------------------------------------------------------


def test_arrangement_change_page_shows_footprint_read_only(admin_client):
    computed_at = datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)
    arrangement = ArrangementFactory(
        footprint=square(0, 0, size=2), footprint_updated_at=computed_at
    )

    response = admin_client.get(admin_url(models.Arrangement, "change", arrangement.pk))

    assert response.status_code == 200
    collection = embedded_json(response, "footprint-map-data")
    assert len(collection["features"]) == 1
    assert collection["features"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    form = response.context["adminform"].form
    assert "footprint" not in form.fields  # computed, never edited
    assert str(computed_at) not in response.content.decode()  # shown as a date, not repr


def test_arrangement_change_page_shows_members_read_only(admin_client):
    # Edits go through the registration forms (history, versions, permissions).
    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=MunicipalityFactory(name="Zutphen"))
    response = admin_client.get(admin_url(models.Arrangement, "change", arrangement.pk))
    content = response.content.decode()
    assert 'name="memberships-0-municipality"' not in content
    assert "Zutphen" in content
    post = admin_client.post(admin_url(models.Arrangement, "change", arrangement.pk), {"name": "x"})
    assert post.status_code == 403


def test_arrangement_without_footprint_says_so(admin_client):
    arrangement = ArrangementFactory()
    response = admin_client.get(admin_url(models.Arrangement, "change", arrangement.pk))
    assert "Nog geen gebied" in response.content.decode()
    assert "footprint-map-data" not in response.content.decode()


def test_recompute_action_calls_the_service(admin_client, monkeypatch):
    calls = []

    def recompute(*, arrangement_ids=None):
        calls.append(sorted(arrangement_ids))
        return len(calls[-1])

    monkeypatch.setattr(admin_arrangements, "arrangement_footprints_recompute", recompute)
    first, second, _other = ArrangementFactory.create_batch(3)

    response = admin_client.post(
        admin_url(models.Arrangement, "changelist"),
        {"action": "recompute_footprints", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert calls == [sorted([first.pk, second.pk])]
    assert "2 samenwerkingsverbanden" in " ".join(str(m) for m in response.context["messages"])


def test_recompute_action_writes_the_footprint(admin_client):
    houten = MunicipalityBoundaryFactory(
        municipality=MunicipalityFactory(geom=square(0, 0))
    ).municipality
    utrecht = MunicipalityBoundaryFactory(
        municipality=MunicipalityFactory(geom=square(1, 0))
    ).municipality
    lineage_rebuild()
    arrangement = ArrangementFactory()
    MembershipFactory(arrangement=arrangement, municipality=houten)
    MembershipFactory(arrangement=arrangement, municipality=utrecht)

    admin_client.post(
        admin_url(models.Arrangement, "changelist"),
        {"action": "recompute_footprints", "_selected_action": [arrangement.pk]},
    )

    arrangement.refresh_from_db()
    assert arrangement.footprint is not None
    assert arrangement.footprint.area == pytest.approx(2 * 0.05 * 0.05)
