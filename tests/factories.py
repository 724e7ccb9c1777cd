"""factory_boy factories with fixed test geometries.

Geometries are squares on a fixed grid near Utrecht (lon 5.0-5.3, lat 52.0-52.2, WGS84):
``square(col, row)`` is the cell of 0.05 x 0.05 degrees (about 3.4 x 5.6 km) whose south-west
corner is (5.0 + 0.05*col, 52.0 + 0.05*row). Neighbouring cells share an edge exactly."""

import datetime

import factory
from django.contrib.gis.geos import MultiPolygon, Polygon

from collaborations import models
from collaborations.core.choices import LegalFormFamily, OrganisationKind

GRID_ORIGIN = (5.0, 52.0)
CELL = 0.05


def square(col: int, row: int, size: int = 1) -> MultiPolygon:
    x0 = round(GRID_ORIGIN[0] + CELL * col, 6)
    y0 = round(GRID_ORIGIN[1] + CELL * row, 6)
    x1 = round(x0 + CELL * size, 6)
    y1 = round(y0 + CELL * size, 6)
    polygon = Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)), srid=4326)
    return MultiPolygon(polygon, srid=4326)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PV{20 + n % 12:02d}")
    name = factory.LazyAttribute(lambda o: f"Provincie {o.code}")
    geom = factory.LazyFunction(lambda: square(0, 0, size=4))


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 - n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province = factory.SubFactory(ProvinceFactory, code="PV26")
    valid_from = None
    valid_to = None
    geom = factory.Sequence(lambda n: square(n % 6, (n // 6) % 4))


class MunicipalityBoundaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MunicipalityBoundary

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2024
    valid_from = factory.LazyAttribute(lambda o: o.municipality.valid_from)
    valid_to = factory.LazyAttribute(lambda o: o.municipality.valid_to)
    geom = factory.LazyAttribute(lambda o: o.municipality.geom)


class ReorganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Reorganisation

    date = datetime.date(2019, 1, 1)
    kind = "samenvoeging"
    predecessor = factory.SubFactory(MunicipalityFactory)
    successor = factory.SubFactory(MunicipalityFactory)
    is_main_successor = True
    area_share = None


class DataSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DataSource
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-source-{n}")
    name = factory.LazyAttribute(lambda o: f"Testbron {o.slug}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Theme
        django_get_or_create = ("slug",)

    slug = "wonen"
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    domain = "fysiek"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Waterschap Test {n}")
    kind = OrganisationKind.WATERSCHAP


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Division
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-indeling-{n}")
    name = factory.Sequence(lambda n: f"Testindeling {n}")
    domain = "sociaal"


class DivisionVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DivisionVersion

    division = factory.SubFactory(DivisionFactory)
    valid_from = datetime.date(2024, 1, 1)
    label = factory.LazyAttribute(lambda o: str(o.valid_from.year))


class ArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Arrangement
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Samenwerking {n}")
    slug = factory.Sequence(lambda n: f"samenwerking-{n}")
    legal_form_family = LegalFormFamily.NETWERK
    legal_form = ""
    is_mandatory = False

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    arrangement = factory.SubFactory(ArrangementFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = "deelnemer"
