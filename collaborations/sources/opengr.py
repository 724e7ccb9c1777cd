"""Gemeenschappelijke regelingen of 2015 (OpenGR, Open State's Wob request to the twelve
provinces) with their members, and the CBS GR codes of the partial DSTA list.

Sources: ``nl/samenwerking/opengr_provincies_2015.csv`` and
``nl/samenwerking/gemeenschappelijke_regelingen_dsta_partial.csv`` (shared/data README, §3).
Members are given by name as of 2015 and are kept as recorded (e.g. Haaren): the municipality
lineage, not this importer, relates them to today's municipalities."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from collaborations.arrangements.models import Arrangement, Organisation
from collaborations.arrangements.names import (
    Match,
    MemberMatcher,
    fix_mojibake,
    normalise,
)
from collaborations.core.choices import LegalFormFamily, OrganisationKind, PublicationStatus, Role
from collaborations.geography.models import Municipality, Province
from collaborations.sources.base import ImportError_, ImportReport, Source, locate, read_csv
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

OPENSTATE = (
    "https://raw.githubusercontent.com/openstate/datasets/master/gemeenschappelijke_regelingen"
)
SOURCE = Source(
    "nl/samenwerking/opengr_provincies_2015.csv",
    url=f"{OPENSTATE}/provincies/opengr_provincies.csv",
    description="OpenGR: gemeenschappelijke regelingen and their deelnemers, 2015",
)
DATASOURCE = DataSourceSpec(
    slug="opengr-provincies-2015",
    name="OpenGR: gemeenschappelijke regelingen volgens de provincies (Wob-verzoek 2015)",
    publisher="De twaalf provincies; verzameld door Open State Foundation",
    url=SOURCE.url or "",
    licence="ODC-PDDL-1.0",
    year=2015,
)
COLUMNS = ("Deelnemer", "Gemeenschappelijke regeling", "Postcode", "Plaats", "Provincie")
#: RvIG Tabel 33 (all municipalities since 1811), used only to explain unmatched names that
#: are municipalities abolished before 2015 (the provincial lists were not always up to date).
TABEL33 = Source("nl/rvig/tabel33_gemeententabel.csv")
#: Members are matched against the municipalities of 1 January 2015 (the 2015 layer).
REFERENCE_DATE = datetime.date(2015, 1, 1)
#: Themes from keywords in a regeling's name (matched on the normalised name: lower case,
#: no diacritics, hyphens as spaces). A regeling gets every theme whose pattern occurs, and
#: "overig" when none does. This is a rough classification; the provenance note says so.
# fmt: off
THEME_KEYWORDS: list[tuple[str, re.Pattern[str]]] = [(slug, re.compile(pattern)) for slug, pattern in [
    ("afval", r"afval|reiniging|reigingsdienst|grondstof|vuil|stortplaats|slibverwerking|\brd4\b"),
    ("gezondheid", r"\bggd\b|gezondheid|\brdog\b|ambulance|\brav\b|crematori"),
    ("veiligheid", r"veiligheid|brandweer|rampen|crisis|meldkamer"),
    ("werk-en-inkomen", r"sociale dienst|sociale zaken|sociale recherche|werkvoorz|\bwsw\b|participatie|\bwerk\b|werkt\b|werksaam|werkzaak|werkgelegenheid|re integratie|werkbedrijf|werkleerbedrijf|werkplein|arbeid|\bisd\b|kredietbank|stadsbank|schuldhulp"),
    ("bedrijfsvoering", r"belasting|heffing|\bwoz\b|\bict\b|automatisering|informatievoorziening|shared service|bedrijfsvoering|werkorganisatie|uitvoeringsorganisatie|samenwerkingsorganisatie|ambtelijke|bestuursdienst|servicepunt|servicebureau|technisch bureau|inkoop|\bssc\b|rekenkamer|personeel"),
    ("recreatie", r"recrea|plassenschap|meerschap|zwembad|\bsport|toerisme|\bpark\b"),
    ("jeugd", r"jeugd|jongeren|kinderopvang"),
    ("milieu-en-omgevingsdiensten", r"omgevingsdienst|milieu|\brud\b|uitvoeringsdienst|utfieringstsjinst"),
    ("onderwijs", r"leerplicht|leerlingzaken|onderwijs|school|\brmc\b|educatie|leerlingen"),
    ("cultuur", r"archief|archivariaat|historisch|archeolog|monument|bibliothe|muziekschool|cultu|museum|erfgoed|kunst"),
    ("wonen", r"\bwonen|woning|huisvesting"),
    ("mobiliteit", r"vervoer|verkeer|mobiliteit|bereikbaarheid|\bov\b|parkeer|wegschap|nautisch"),
    ("economie", r"economi|seaport|havenschap|innovatie|grondbedrijf|bedrijvenschap|bedrijfschap"),
    ("ruimte-economische-sectoren", r"bedrijventerrein|bedrijvenpark|industrieterrein|industrieschap|businesspark|glastuinbouw|tuinbouw"),
    ("zorg-wmo", r"\bzorg|wmo|welzijn|opvang|sociaal domein"),
    ("natuurbehoud", r"natuur|landschap|nationaal park|\bbos|\bgroen\b|groenzone|\bpark\b"),
    ("water-en-bodem", r"\bwater\b|waterschap|riolering|drinkwater|afvalwater|grondwater|bodem|zuivering|muskusrat|grondbank"),
    ("energietransitie", r"energie|duurzaam"),
    ("landbouw", r"landbouw|agrar|tuinbouw|ruilverkaveling|landinrichting"),
    ("ruimtelijke-ordening", r"ruimtelijke|gebiedsontwikkeling|grondbeleid|structuurvisie|welstand"),
    ("bestuur-en-rechtspraak", r"ombudsman"),
]]
# fmt: on
#: Regelingen that the law requires: veiligheidsregio's (Wet veiligheidsregio's), GGD's (Wet
#: publieke gezondheid) and omgevingsdiensten/RUD's (Wabo, now Omgevingswet).
MANDATORY = re.compile(
    r"veiligheidsregio|veiligheids en gezondheidsregio|\bggd\b|gezondheidsdienst"
    r"|omgevingsdienst|\brud\b|regionale uitvoeringsdienst|utfieringstsjinst"
)
#: Spelling variants of member organisations in the OpenGR lists -> the name used.
ORGANISATION_SPELLINGS = {
    "hoogheermraadschap van rijnland": "Hoogheemraadschap van Rijnland",
    "hoogheemraadschap van schieland en de krimpenerwaard": (
        "Hoogheemraadschap van Schieland en Krimpenerwaard"
    ),
}
_ABBREVIATION = re.compile(r"\(([A-Z0-9][A-Za-z0-9&.\- ]{1,15})\)\s*$")


def themes_for(name: str) -> tuple[str, ...]:
    key = normalise(name)
    found = tuple(slug for slug, pattern in THEME_KEYWORDS if pattern.search(key))
    return found or ("overig",)


def is_mandatory(name: str) -> bool | None:
    """True when the name says it is a regeling the law requires; None (unknown) otherwise."""
    return True if MANDATORY.search(normalise(name)) else None


@dataclass
class _Regeling:
    name: str
    line: int
    address: str
    province: str
    members: list[tuple[int, str]] = field(default_factory=list)  # (line, deelnemer)


def load_opengr_2015() -> ImportReport:
    """Load the OpenGR regelingen of 2015 and their deelnemers (matched by name at
    1 January 2015). Unrecognised deelnemers become Organisation(kind="onbekend") and are
    listed one by one in the report."""
    report = ImportReport(name="OpenGR 2015 (gemeenschappelijke regelingen, provincies)")
    rows = read_table(locate(SOURCE), COLUMNS, label=SOURCE.relative_path)
    regelingen = _read_regelingen(rows, report)
    with transaction.atomic():
        source = datasource_upsert(DATASOURCE)
        matcher = MemberMatcher(
            municipalities=Municipality.objects.only(
                "id", "code", "name", "valid_from", "valid_to", "province_id"
            ),
            provinces=Province.objects.only("id", "code", "name"),
            on=REFERENCE_DATE,
        )
        specs = [_arrangement_spec(regeling) for regeling in regelingen]
        arrangements = sync_arrangements(source=source, specs=specs, report=report)
        members = _Members(matcher, report)
        for regeling in regelingen:
            members.add(regeling, arrangements[regeling.name])
        desired = members.resolve(report)
        sync_memberships(
            source=source, arrangements=arrangements.values(), desired=desired, report=report
        )
    report.counts["rows"] = len(rows)
    report.counts["regelingen"] = len(regelingen)
    report.counts["memberships"] = len(desired)
    per_kind = Counter(member_field for _, member_field, _ in desired)
    report.counts.update({f"memberships of a {kind}": n for kind, n in sorted(per_kind.items())})
    report.counts.update(members.counts)
    return report


def _read_regelingen(rows: list[tuple[int, dict[str, str]]], report: ImportReport):
    """Group the rows by regeling; drop repeated (deelnemer, regeling) rows."""
    regelingen: dict[str, _Regeling] = {}
    seen: set[tuple[str, str]] = set()
    duplicates = 0
    for line, row in rows:
        name, deelnemer = row["Gemeenschappelijke regeling"], row["Deelnemer"]
        if not name or not deelnemer:
            raise ImportError_(f"{SOURCE.relative_path}, line {line}: empty deelnemer or regeling")
        if len(name) > 255:
            raise ImportError_(f"{SOURCE.relative_path}, line {line}: regeling name too long")
        regeling = regelingen.get(name)
        if regeling is None:
            address = " ".join(filter(None, [row["Postcode"], fix_mojibake(row["Plaats"])]))
            regeling = regelingen[name] = _Regeling(name, line, address, row["Provincie"])
        if (normalise(deelnemer), name) in seen:
            duplicates += 1
            continue
        seen.add((normalise(deelnemer), name))
        regeling.members.append((line, deelnemer))
    report.counts["repeated rows dropped"] = duplicates
    return list(regelingen.values())


def _arrangement_spec(regeling: _Regeling) -> ArrangementSpec:
    name = " ".join(fix_mojibake(regeling.name).split())
    abbreviation = _ABBREVIATION.search(name)
    return ArrangementSpec(
        source_reference=regeling.name,
        slug=slugify(name),
        themes=themes_for(name),
        fields={
            "name": name,
            "short_name": abbreviation.group(1).strip() if abbreviation else "",
            "division_id": None,
            "legal_form_family": LegalFormFamily.WGR,
            "legal_form": "",
            "is_mandatory": is_mandatory(name),
            "publication_status": PublicationStatus.PUBLISHED,
            "description": "",
            "provenance_note": (
                "OpenGR: Wob-verzoek van Open State Foundation aan de twaalf provincies "
                f"(7 oktober 2015), regel {regeling.line} van {SOURCE.relative_path}. "
                f"Vestiging volgens de bron: {regeling.address or 'onbekend'}; "
                f"provincie in de bron: {fix_mojibake(regeling.province) or 'onbekend'}. "
                "Rechtsvorm: een Wgr-regeling, de precieze vorm is niet bekend. Thema's zijn "
                "afgeleid uit trefwoorden in de naam, niet uit de regeling zelf."
            ),
        },
    )


class _Members:
    """Collects the memberships of all regelingen, then creates the organisations they need
    in one go (existing ones are found by kind and normalised name)."""

    def __init__(self, matcher: MemberMatcher, report: ImportReport) -> None:
        self.matcher = matcher
        self.report = report
        self.desired: dict[MemberKey, tuple[str, str]] = {}
        self.organisations: dict[tuple[str, str], str] = {}  # (kind, key) -> display name
        self.pending: list[tuple[int, tuple[str, str], str]] = []  # (arrangement, org key, name)
        self.counts: Counter[str] = Counter()
        self.notes: set[str] = set()
        self.former = _former_municipalities()

    def add(self, regeling: _Regeling, arrangement: Arrangement) -> None:
        for line, deelnemer in regeling.members:
            match = self.matcher.classify(deelnemer, province_hint=fix_mojibake(regeling.province))
            if match.category in ("municipality", "province"):
                self._member(arrangement.pk, match, deelnemer)
                continue
            kind = (
                str(match.target) if match.category == "organisation" else OrganisationKind.ONBEKEND
            )
            self.counts[f"rows: {kind}"] += 1
            if match.category == "unmatched":
                reason = match.via or self.former.get(normalise(deelnemer), "")
                reason = f" ({reason})" if reason else ""
                self.report.unmatched.append(
                    f"{SOURCE.relative_path}, line {line}: {deelnemer!r} in {regeling.name!r}{reason}"
                )
            name = " ".join(fix_mojibake(deelnemer).strip(" ,;").split())
            name = ORGANISATION_SPELLINGS.get(normalise(name), name)
            key = (str(kind), normalise(name))
            self.organisations.setdefault(key, name)
            self.pending.append((arrangement.pk, key, deelnemer))

    def _member(self, arrangement_id: int, match: Match, deelnemer: str) -> None:
        self.counts[f"rows: {match.category}"] += 1
        if match.via:
            self.notes.add(f"{deelnemer.strip()!r} -> {match.target} ({match.via})")
        key = (arrangement_id, match.category, match.target.pk)
        self.desired.setdefault(key, (str(Role.PARTICIPANT), deelnemer))

    def resolve(self, report: ImportReport) -> dict[MemberKey, tuple[str, str]]:
        ids = _organisation_ids(self.organisations, report)
        for arrangement_id, key, deelnemer in self.pending:
            self.desired.setdefault(
                (arrangement_id, "organisation", ids[key]), (str(Role.PARTICIPANT), deelnemer)
            )
        report.notes += sorted(self.notes)
        return self.desired


def _organisation_ids(
    wanted: dict[tuple[str, str], str], report: ImportReport
) -> dict[tuple[str, str], int]:
    """Ids of the organisations (kind, normalised name), creating the missing ones."""
    kinds = {kind for kind, _ in wanted}
    ids = {
        (organisation.kind, normalise(organisation.name)): organisation.pk
        for organisation in Organisation.objects.filter(kind__in=kinds).only("id", "name", "kind")
    }
    new = [
        Organisation(name=name[:255], kind=kind)
        for (kind, key), name in wanted.items()
        if (kind, key) not in ids
    ]
    Organisation.objects.bulk_create(new)
    tally(report, "organisations", len(new), 0, len(wanted) - len(new))
    ids.update({(o.kind, normalise(o.name)): o.pk for o in new})
    return ids


# --- CBS GR codes from the partial DSTA list ---------------------------------------------


def _former_municipalities() -> dict[str, str]:
    """Normalised name -> "former municipality GMxxxx, abolished on D (RvIG Tabel 33)" for
    municipalities abolished before 2015; empty when Tabel 33 is not at hand."""
    try:
        path = locate(TABEL33, download=False)
    except ImportError_:
        return {}
    former: dict[str, str] = {}
    for _, row in read_csv(path):
        end = row.get("99.99 Datum einde", "")
        if len(end) == 8 and end < REFERENCE_DATE.strftime("%Y%m%d"):
            former.setdefault(
                normalise(row.get("92.11 Omschrijving", "")),
                f"former municipality GM{row.get('92.10 Gemeentecode', '')}, abolished on "
                f"{end[:4]}-{end[4:6]}-{end[6:]} (RvIG Tabel 33)",
            )
    return former
