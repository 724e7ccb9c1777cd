"""The admin: every changelist and change page, search and filters, constant query counts and
no geometry in lists (the map and the footprint: test_admin_maps.py).

Geometries are the fixed 0.05-degree squares near Utrecht of tests/factories.py."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborations import models
from collaborations.core.choices import LegalFormFamily, OrganisationKind, PublicationStatus
from tests.collaborations.admin_support import (
    admin_url,
    listed,
    make_municipalities,
    selected_columns,
)
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
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


# --- builders: n objects of a model, with the relations its list shows ------------------------


def make_provinces(n):
    start = models.Province.objects.count()  # there are only twelve codes, PV20..PV31
    return [ProvinceFactory(code=f"PV{20 + start + i:02d}") for i in range(n)]


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
