"""The official divisions (indelingen) of the BZK Regioatlas 2016: one Division per indeling,
one Arrangement per region, memberships of the 2016 municipalities by CBS code.

Source: ``nl/regioatlas_2016/regioatlas_2016_long.csv`` (shared/data README, section 2), a
derived long table of the 33 per-division files that Open State scraped from regioatlas.nl."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from collaborations.arrangements.models import DataSource
from collaborations.arrangements.names import normalise
from collaborations.core.choices import (
    DivisionKind,
    Domain,
    LegalForm,
    LegalFormFamily,
    PublicationStatus,
    Role,
)
from collaborations.divisions.models import Division
from collaborations.geography.models import Municipality
from collaborations.sources.base import ImportError_, ImportReport, Source, locate
from collaborations.sources.sync import (
    ArrangementSpec,
    DataSourceSpec,
    MemberKey,
    datasource_upsert,
    read_table,
    sync_arrangements,
    sync_memberships,
    tally,
)

SOURCE = Source(
    "nl/regioatlas_2016/regioatlas_2016_long.csv",
    url=None,
    description="BZK Regioatlas, indeling 2016, 33 indelingen in one long table (derived)",
)
DATASOURCE = DataSourceSpec(
    slug="bzk-regioatlas-2016",
    name="Regioatlas BZK, bovenlokale indelingen 2016 (via Open State)",
    publisher="Ministerie van BZK (Regioatlas); verzameld door Open State Foundation",
    url="https://github.com/openstate/datasets/tree/master/gemeenschappelijke_regelingen/regioatlas",
    licence="ODC-PDDL-1.0",
    year=2016,
)
COLUMNS = (
    "domein",
    "indeling_bestand",
    "indeling",
    "gemeentecode",
    "gemeentenaam",
    "regio",
    "inwoners_regio",
)
DOMAINS = {
    "Bestuurlijk": Domain.BESTUUR,
    "Fysiek": Domain.FYSIEK,
    "Sociaal": Domain.SOCIAAL,
    "Veiligheid": Domain.SOCIAAL,
}
CODE = re.compile(r"^GM[0-9]{4}$")
YEAR = 2016
DIVISION_FIELDS = ("name", "domain", "kind", "year", "source_id", "description", "superseded_by_id")


@dataclass(frozen=True)
class DivisionSpec:
    """How the regions of one indeling are recorded. ``region_name`` formats the arrangement
    name from ``regio`` (the region's name in the source) and ``indeling``."""

    kind: str
    family: str
    form: str
    mandatory: bool | None
    themes: tuple[str, ...]
    basis: str
    region_name: str = "{indeling}: {regio}"
    lead_is_region: bool = False
    superseded_by: str = ""


_WGR, _NETWORK, _PRIVATE = LegalFormFamily.WGR, LegalFormFamily.NETWERK, LegalFormFamily.PRIVAAT
_STAT, _RIJK, _SAMEN = (
    DivisionKind.STATISTISCH,
    DivisionKind.RIJKSINDELING,
    DivisionKind.SAMENWERKING,
)
_STATISTICAL = "Statistische indeling (CBS/Eurostat), geen samenwerkingsverband."
_STATE = "Indeling van het Rijk of een rijksorgaan, geen samenwerkingsverband van gemeenten."
_UNKNOWN = "Rechtsvorm niet bekend uit deze bron; wettelijke verplichting niet vastgesteld."
_CENTRUM = (
    "Regio rond een door het Rijk aangewezen centrumgemeente (decentralisatie-uitkering); "
    "de vorm van de samenwerking verschilt per regio en is niet bekend uit deze bron."
)

#: Legal form, obligation and themes per indeling (key: the file stem). Basis:
#: - veiligheidsregio's: Wet veiligheidsregio's art. 9: a gemeenschappelijke regeling with an
#:   openbaar lichaam is mandatory;
#: - omgevingsdiensten (and the six BRZO-omgevingsdiensten): Wabo art. 5.3 (since 2016; now
#:   Omgevingswet): mandatory, an openbaar lichaam under the Wgr;
#: - GGD's: Wet publieke gezondheid art. 14 obliges municipalities to maintain a GGD per region;
#:   Wgr, but the specific form is left empty because some GGD's are a municipal service of
#:   a centrumgemeente (e.g. GGD Amsterdam);
#: - arbeidsmarktregio's (Wet SUWI art. 10), RMC-regio's (RMC-wet, WVO art. 118h ff.) and the
#:   samenwerkingsverbanden passend onderwijs (WPO art. 18a, WVO art. 17a) are mandatory; the
#:   latter are legal persons of private law (stichting or vereniging, varying per region);
#: - intergemeentelijke sociale diensten are public bodies or services under the Wgr,
#:   entered into voluntarily;
#: - RIEC's work under a covenant (RIEC-convenant) of their partners;
#: - all other indelingen: family netwerk with an empty form (= not known from this source)
#:   and is_mandatory None (unknown); statistical and state divisions are no cooperation.
# fmt: off
DIVISIONS: dict[str, DivisionSpec] = {
    # file stem: DivisionSpec(kind, family, form, is_mandatory, themes, basis, region name, ...)
    "arrondissementen1": DivisionSpec(_RIJK, _NETWORK, "", None, ("bestuur-en-rechtspraak",), _STATE, "Arrondissement {regio}"),
    "coropregios": DivisionSpec(_STAT, _NETWORK, "", None, ("statistiek",), _STATISTICAL, "COROP-gebied {regio}"),
    "coropplusregios": DivisionSpec(_STAT, _NETWORK, "", None, ("statistiek",), _STATISTICAL, "COROP-plusregio {regio}"),
    "coropsubregios": DivisionSpec(_STAT, _NETWORK, "", None, ("statistiek",), _STATISTICAL, "COROP-subregio {regio}"),
    "nuts1regioslandsdelen": DivisionSpec(_STAT, _NETWORK, "", None, ("statistiek",), _STATISTICAL, "Landsdeel {regio}"),
    "nuts2regiosprovincies": DivisionSpec(_STAT, _NETWORK, "", None, ("statistiek",), _STATISTICAL, "NUTS-2 {regio}"),
    "nuts3regios": DivisionSpec(_STAT, _NETWORK, "", None, ("statistiek",), _STATISTICAL, "NUTS-3 {regio}"),
    "provincies": DivisionSpec(_RIJK, _NETWORK, "", None, ("bestuur-en-rechtspraak",), _STATE, "Provincie {regio}"),
    "ressorten1": DivisionSpec(_RIJK, _NETWORK, "", None, ("bestuur-en-rechtspraak",), _STATE, "Ressort {regio}"),
    "mirtgebieden": DivisionSpec(_RIJK, _NETWORK, "", None, ("mobiliteit", "ruimtelijke-ordening"), _STATE, "MIRT-gebied {regio}"),
    "omgevingsdienstenregionaleuitvoeringsdiensten": DivisionSpec(
        _SAMEN, _WGR, LegalForm.OPENBAAR_LICHAAM, True, ("milieu-en-omgevingsdiensten",),
        "Wabo art. 5.3 / Omgevingswet: verplichte omgevingsdienst, openbaar lichaam (Wgr).", "{regio}"),
    "regionaleuitvoeringsdienstenbrzo": DivisionSpec(
        _SAMEN, _WGR, LegalForm.OPENBAAR_LICHAAM, True, ("milieu-en-omgevingsdiensten",),
        "Wabo art. 5.3 / Omgevingswet: BRZO-taken bij zes omgevingsdiensten, openbaar lichaam (Wgr).", "{regio}"),
    "arbeidsmarktregios": DivisionSpec(
        _SAMEN, _NETWORK, "", True, ("werk-en-inkomen",),
        "Wet SUWI art. 10: samenwerking per arbeidsmarktregio is verplicht; de vorm verschilt.", "Arbeidsmarktregio {regio}"),
    "centrumgemeentemaatschappelijkeopvangbeschermdwonen": DivisionSpec(
        _SAMEN, _NETWORK, "", None, ("zorg-wmo",), _CENTRUM, "Centrumgemeente MO/BW {regio}", lead_is_region=True),
    "centrumgemeentenvrouwenopvanggeweldinhuiselijkekring": DivisionSpec(
        _SAMEN, _NETWORK, "", None, ("zorg-wmo", "veiligheid"), _CENTRUM, "Centrumgemeente vrouwenopvang {regio}", lead_is_region=True),
    "ggds": DivisionSpec(
        _SAMEN, _WGR, "", True, ("gezondheid",),
        "Wet publieke gezondheid art. 14: verplichte GGD per regio; meestal een openbaar lichaam (Wgr), "
        "soms een dienst van een centrumgemeente.", "{regio}"),
    "hlzregioshervorminglangdurigezorg": DivisionSpec(_SAMEN, _NETWORK, "", None, ("zorg-wmo",), _UNKNOWN, "HLZ-regio {regio}"),
    "intergemeentelijkesocialediensten": DivisionSpec(
        _SAMEN, _WGR, "", False, ("werk-en-inkomen",),
        "Intergemeentelijke sociale dienst: vrijwillige gemeenschappelijke regeling (Wgr).", "{regio}"),
    "jeugdzorgregios1": DivisionSpec(_SAMEN, _NETWORK, "", None, ("jeugd",), _UNKNOWN, "Jeugdzorgregio {regio}"),
    "kamervankoophandel": DivisionSpec(_RIJK, _NETWORK, "", None, ("economie",), _STATE, "Kamer van Koophandel {regio}"),
    "passendonderwijsprimaironderwijs": DivisionSpec(
        _SAMEN, _PRIVATE, "", True, ("onderwijs",),
        "WPO art. 18a: verplicht samenwerkingsverband passend onderwijs van schoolbesturen; een rechtspersoon "
        "(stichting of vereniging, per regio verschillend).", "Samenwerkingsverband passend onderwijs {regio}"),
    "passendonderwijsvoortgezetonderwijs": DivisionSpec(
        _SAMEN, _PRIVATE, "", True, ("onderwijs",),
        "WVO art. 17a: verplicht samenwerkingsverband passend onderwijs van schoolbesturen; een rechtspersoon "
        "(stichting of vereniging, per regio verschillend).", "Samenwerkingsverband passend onderwijs {regio}"),
    "rcfkenniscentrahandhaving": DivisionSpec(_RIJK, _NETWORK, "", None, ("werk-en-inkomen", "veiligheid"), _STATE, "{regio}"),
    "regionaleplatformsarbeidsmarkt": DivisionSpec(
        _SAMEN, _NETWORK, "", None, ("werk-en-inkomen", "onderwijs"), _UNKNOWN, "Regionaal platform arbeidsmarkt {regio}"),
    "rmcregiosregionaalmeldencoordinatiepunt": DivisionSpec(
        _SAMEN, _NETWORK, "", True, ("onderwijs", "jeugd"),
        "RMC-wet (WVO art. 118h e.v.): verplichte RMC-regio met een contactgemeente.", "RMC-regio {regio}"),
    "socialewerkvoorziening": DivisionSpec(_SAMEN, _NETWORK, "", None, ("werk-en-inkomen",), _UNKNOWN, "{regio}"),
    "veiligthuisregios": DivisionSpec(_SAMEN, _NETWORK, "", None, ("veiligheid", "jeugd"), _UNKNOWN, "Veilig Thuis {regio}"),
    "wmoregios": DivisionSpec(_SAMEN, _NETWORK, "", None, ("zorg-wmo",), _UNKNOWN, "Wmo-regio {regio}"),
    "politieeenheden": DivisionSpec(_RIJK, _NETWORK, "", None, ("veiligheid",), _STATE, "Politie-eenheid {regio}"),
    "regionaalinformatieenexpertisecentra": DivisionSpec(
        _SAMEN, _NETWORK, LegalForm.CONVENANT, None, ("veiligheid",),
        "RIEC: samenwerking van overheidspartners op basis van het RIEC-convenant.", "{regio}"),
    "veiligheidshuizen": DivisionSpec(_SAMEN, _NETWORK, "", None, ("veiligheid",), _UNKNOWN, "{regio}"),
    "veiligheidsregios": DivisionSpec(
        _SAMEN, _WGR, LegalForm.OPENBAAR_LICHAAM, True, ("veiligheid",),
        "Wet veiligheidsregio's art. 9: verplichte gemeenschappelijke regeling, openbaar lichaam.",
        "Veiligheidsregio {regio}", superseded_by="veiligheidsregios"),
    "vptregios2014": DivisionSpec(_SAMEN, _NETWORK, "", None, ("veiligheid",), _UNKNOWN, "VPT-regio {regio}"),
}
# fmt: on


@dataclass
class _Region:
    stem: str
    file: str
    indeling: str
    regio: str
    inhabitants: str
    members: dict[str, tuple[str, int]]  # code -> (name as recorded, line)

    @property
    def reference(self) -> str:
        return f"{self.file}:{self.regio}"


def load_regioatlas_2016() -> ImportReport:
    """Load the 33 indelingen of the BZK Regioatlas 2016. Members are matched on the 2016 CBS
    code; codes without a municipality are reported and skipped."""
    report = ImportReport(name="BZK Regioatlas 2016")
    path = locate(SOURCE)
    regions, domains = _read_regions(read_table(path, COLUMNS, label=SOURCE.relative_path))
    with transaction.atomic():
        source = datasource_upsert(DATASOURCE)
        divisions = _upsert_divisions(domains, source=source, report=report)
        specs = [_arrangement_spec(region, divisions[region.stem]) for region in regions]
        arrangements = sync_arrangements(source=source, specs=specs, report=report)
        members = _memberships(regions, arrangements, report=report)
        sync_memberships(
            source=source, arrangements=arrangements.values(), desired=members, report=report
        )
    per_division = Counter(region.stem for region in regions)
    report.counts["divisions"] = len(divisions)
    report.counts["regions"] = len(regions)
    report.counts["memberships"] = len(members)
    report.counts.update({f"regions {stem}": n for stem, n in sorted(per_division.items())})
    return report


def _read_regions(
    rows: list[tuple[int, dict[str, str]]],
) -> tuple[list[_Region], dict[str, tuple[str, str]]]:
    """Group the rows by (indeling, regio), validating every row before anything is written.
    Also returns (domein, indeling) per file stem."""
    regions: dict[tuple[str, str], _Region] = {}
    names: dict[str, tuple[str, str]] = {}
    for line, row in rows:
        where = f"{SOURCE.relative_path}, line {line}"
        stem = row["indeling_bestand"].removesuffix(".csv")
        _validate(row, stem, where)
        if names.setdefault(stem, (row["domein"], row["indeling"])) != _names_of(row):
            raise ImportError_(f"{where}: {row['indeling_bestand']} has two names or domains")
        region = regions.get((stem, row["regio"]))
        if region is None:
            region = regions[(stem, row["regio"])] = _Region(
                stem=stem,
                file=row["indeling_bestand"],
                indeling=row["indeling"],
                regio=row["regio"],
                inhabitants=row["inwoners_regio"],
                members={},
            )
        region.members.setdefault(row["gemeentecode"], (row["gemeentenaam"], line))
    return list(regions.values()), names


def _names_of(row: dict[str, str]) -> tuple[str, str]:
    return (row["domein"], row["indeling"])


def _validate(row: dict[str, str], stem: str, where: str) -> None:
    if stem not in DIVISIONS:
        raise ImportError_(f"{where}: unknown indeling {row['indeling_bestand']!r}")
    if row["domein"] not in DOMAINS:
        raise ImportError_(f"{where}: unknown domein {row['domein']!r}")
    if not CODE.match(row["gemeentecode"]):
        raise ImportError_(f"{where}: gemeentecode {row['gemeentecode']!r} is not GM + 4 digits")
    if not row["regio"] or not row["indeling"]:
        raise ImportError_(f"{where}: empty regio or indeling")


def _upsert_divisions(
    names: dict[str, tuple[str, str]], *, source: DataSource, report: ImportReport
) -> dict[str, Division]:
    """The Division of every indeling, by file stem, created or brought up to date."""
    slugs = {stem: _slug(stem) for stem in names}
    existing = {d.slug: d for d in Division.objects.filter(slug__in=slugs.values())}
    successors = dict(
        Division.objects.filter(
            slug__in=[spec.superseded_by for spec in DIVISIONS.values()]
        ).values_list("slug", "id")
    )
    new: list[Division] = []
    changed: list[Division] = []
    for stem, (domein, indeling) in names.items():
        spec = DIVISIONS[stem]
        values = {
            "name": indeling,
            "domain": DOMAINS[domein],
            "kind": spec.kind,
            "year": YEAR,
            "source_id": source.pk,
            "description": f"{indeling} volgens de Regioatlas van BZK (indeling {YEAR}). {spec.basis}",
            "superseded_by_id": successors.get(spec.superseded_by),
        }
        division = existing.get(slugs[stem])
        if division is None:
            new.append(Division(slug=slugs[stem], **values))
        elif any(getattr(division, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(division, field, value)
            changed.append(division)
    Division.objects.bulk_create(new)
    Division.objects.bulk_update(changed, [f.removesuffix("_id") for f in DIVISION_FIELDS])
    tally(report, "divisions", len(new), len(changed), len(names) - len(new) - len(changed))
    by_slug = {division.slug: division for division in [*existing.values(), *new]}
    return {stem: by_slug[slug] for stem, slug in slugs.items()}


def _slug(stem: str) -> str:
    return f"regioatlas-{YEAR}-{stem}"


def _arrangement_spec(region: _Region, division: Division) -> ArrangementSpec:
    spec = DIVISIONS[region.stem]
    inhabitants = f" Inwoners volgens de bron: {region.inhabitants}." if region.inhabitants else ""
    return ArrangementSpec(
        source_reference=region.reference,
        slug=f"{division.slug}-{slugify(region.regio) or 'regio'}",
        themes=spec.themes,
        fields={
            "name": spec.region_name.format(regio=region.regio, indeling=region.indeling)[:255],
            "short_name": region.regio[:80],
            "division_id": division.pk,
            "legal_form_family": spec.family,
            "legal_form": spec.form,
            "is_mandatory": spec.mandatory,
            "publication_status": PublicationStatus.PUBLISHED,
            "description": f"Regio {region.regio} van de indeling {region.indeling} ({YEAR}).{inhabitants}",
            "provenance_note": (
                f"BZK Regioatlas {YEAR} (via Open State), bestand {region.file}; leden op CBS-code "
                f"van de gemeenten van {YEAR}. Rechtsvorm en thema's per indeling: {spec.basis}"
            ),
        },
    )


def _memberships(
    regions: list[_Region], arrangements, *, report: ImportReport
) -> dict[MemberKey, tuple[str, str]]:
    """(arrangement, "municipality", id) -> (role, name as recorded), one query for all codes."""
    codes = {code for region in regions for code in region.members}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "id"))
    desired: dict[MemberKey, tuple[str, str]] = {}
    missing: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for region in regions:
        arrangement = arrangements[region.reference]
        for code, (name, line) in region.members.items():
            if code not in ids:
                missing[(code, name)].append(f"line {line} ({region.file}: {region.regio})")
                continue
            lead = DIVISIONS[region.stem].lead_is_region and normalise(name) == normalise(
                region.regio
            )
            role = Role.LEAD if lead else Role.PARTICIPANT
            desired[(arrangement.pk, "municipality", ids[code])] = (str(role), name)
    report.unmatched += [
        f"{SOURCE.relative_path}: no municipality with code {code} ({name}): {', '.join(places)}"
        for (code, name), places in sorted(missing.items())
    ]
    return desired
