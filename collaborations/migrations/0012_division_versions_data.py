"""Divisions through time (docs/adr/0007-divisions-through-time.md), step 2: a Division is a family with
versions (DivisionVersion) instead of one Division per year chained by ``superseded_by``.

Existing data is converted as it stands: every division gets one version from 1 January of its
year; its regions start then and their open memberships begin then; the regions of a superseded
division end on the date of its successor's version. The 2016 divisions of the BZK Regioatlas get
the slugs of their families (``regioatlas-2016-jeugdzorgregios1`` -> ``jeugdregios``); the 2016
veiligheidsregio's join the 2024 family ``veiligheidsregios``: a 2024 region takes over the
memberships of the 2016 region of the same name (and its start), which is removed.
``manage.py load`` then adds the newer versions (the loader is idempotent)."""

import datetime

from django.db import migrations
from django.db.models import Q


def _versions_from_years(apps, schema_editor):
    Division = apps.get_model("collaborations", "Division")
    DivisionVersion = apps.get_model("collaborations", "DivisionVersion")
    Arrangement = apps.get_model("collaborations", "Arrangement")
    Membership = apps.get_model("collaborations", "Membership")
    starts = {}
    for division in Division.objects.all():
        day = datetime.date(division.year, 1, 1)
        starts[division.pk] = day
        DivisionVersion.objects.create(
            division=division, valid_from=day, label=str(division.year), source=division.source
        )
        regions = Arrangement.objects.filter(division=division)
        regions.filter(start_date__isnull=True).update(start_date=day)
        Membership.objects.filter(arrangement__division=division, valid_from__isnull=True).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        ).update(valid_from=day)
    for division in Division.objects.filter(superseded_by__isnull=False):
        end = starts[division.superseded_by_id]
        if end <= starts[division.pk]:
            continue
        Arrangement.objects.filter(division=division).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=end)
        ).update(end_date=end)
        Membership.objects.filter(arrangement__division=division).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=end)
        ).update(valid_to=end)


#: The family slugs of the 2016 files (a copy of sources.division_families.REGIOATLAS_2016 as it
#: was when this migration was written).
FAMILIES_2016 = {
    "arrondissementen1": "arrondissementen",
    "coropregios": "corop-gebieden",
    "coropplusregios": "corop-plusgebieden",
    "coropsubregios": "corop-subgebieden",
    "nuts1regioslandsdelen": "landsdelen",
    "nuts2regiosprovincies": "nuts-2",
    "nuts3regios": "nuts-3",
    "provincies": "provincie-indeling",
    "ressorten1": "ressorten",
    "mirtgebieden": "mirt-gebieden",
    "omgevingsdienstenregionaleuitvoeringsdiensten": "omgevingsdiensten",
    "regionaleuitvoeringsdienstenbrzo": "brzo-omgevingsdiensten",
    "arbeidsmarktregios": "arbeidsmarktregios",
    "centrumgemeentemaatschappelijkeopvangbeschermdwonen": "centrumgemeenten-mo-bw",
    "centrumgemeentenvrouwenopvanggeweldinhuiselijkekring": "centrumgemeenten-vrouwenopvang",
    "ggds": "ggd-regios",
    "hlzregioshervorminglangdurigezorg": "hlz-regios",
    "intergemeentelijkesocialediensten": "intergemeentelijke-sociale-diensten",
    "jeugdzorgregios1": "jeugdregios",
    "kamervankoophandel": "kvk-regios",
    "passendonderwijsprimaironderwijs": "passend-onderwijs-po",
    "passendonderwijsvoortgezetonderwijs": "passend-onderwijs-vo",
    "rcfkenniscentrahandhaving": "rcf-kenniscentra",
    "regionaleplatformsarbeidsmarkt": "regionale-platforms-arbeidsmarkt",
    "rmcregiosregionaalmeldencoordinatiepunt": "rmc-regios",
    "socialewerkvoorziening": "sociale-werkvoorziening",
    "veiligthuisregios": "veilig-thuis-regios",
    "wmoregios": "wmo-regios",
    "politieeenheden": "politie-eenheden",
    "regionaalinformatieenexpertisecentra": "riecs",
    "veiligheidshuizen": "veiligheidshuizen",
    "veiligheidsregios": "veiligheidsregios",
    "vptregios2014": "vpt-regios",
}


def _merge_into(apps, legacy, family) -> None:
    """The regions of ``legacy`` join ``family``: a region of the family with the same name
    takes over the legacy region's memberships and start date."""
    Arrangement = apps.get_model("collaborations", "Arrangement")
    Membership = apps.get_model("collaborations", "Membership")
    DivisionVersion = apps.get_model("collaborations", "DivisionVersion")
    current = {a.name: a for a in Arrangement.objects.filter(division=family)}
    for region in Arrangement.objects.filter(division=legacy):
        target = current.get(region.name)
        if target is None:
            region.division = family
            region.save(update_fields=["division"])
            continue
        Membership.objects.filter(arrangement=region).update(arrangement=target)
        target.start_date = min(filter(None, [target.start_date, region.start_date]), default=None)
        target.save(update_fields=["start_date"])
        region.delete()
    DivisionVersion.objects.filter(division=legacy).exclude(
        valid_from__in=DivisionVersion.objects.filter(division=family).values("valid_from")
    ).update(division=family)
    legacy.delete()


def _families(apps, schema_editor):
    Division = apps.get_model("collaborations", "Division")
    for stem, slug in FAMILIES_2016.items():
        legacy = Division.objects.filter(slug=f"regioatlas-2016-{stem}").first()
        if legacy is None:
            continue
        family = Division.objects.filter(slug=slug).first()
        if family is None:
            legacy.slug = slug
            legacy.save(update_fields=["slug"])
        else:
            _merge_into(apps, legacy, family)


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0011_division_versions"),
    ]

    operations = [
        migrations.RunPython(_versions_from_years, migrations.RunPython.noop),
        migrations.RunPython(_families, migrations.RunPython.noop),
    ]
