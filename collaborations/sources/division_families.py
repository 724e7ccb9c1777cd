"""The divisions the atlas knows by name: per family its slug, name, domain, kind and how its
regions are recorded, and which file of which source holds which family. A division file that
is not listed here still loads, with defaults from its file name (inputs.family_default).

Kinds (docs/glossary.md): ``samenwerking`` = regions in which municipalities cooperate (often
by law); ``rijksindeling`` = a division of the Rijk (or the Flemish government) for its own
services; ``statistisch`` = a division for statistics, no cooperation at all.

Legal form, obligation and themes of the regions (basis):
- veiligheidsregio's: Wet veiligheidsregio's art. 9: a gemeenschappelijke regeling with an
  openbaar lichaam is mandatory;
- omgevingsdiensten (and the six BRZO-omgevingsdiensten): Wabo art. 5.3 (now Omgevingswet):
  mandatory, an openbaar lichaam under the Wgr;
- GGD's: Wet publieke gezondheid art. 14 obliges municipalities to maintain a GGD per region;
  Wgr, the specific form left empty (some GGD's are a service of a centrumgemeente);
- arbeidsmarktregio's (Wet SUWI art. 10), RMC-regio's (RMC-wet, WVO art. 118h ff.) and the
  samenwerkingsverbanden passend onderwijs (WPO art. 18a, WVO art. 17a) are mandatory; the latter
  are legal persons of private law;
- intergemeentelijke sociale diensten: public bodies or services under the Wgr, voluntary;
- RIEC's work under a covenant (RIEC-convenant) of their partners, set up by the Rijk;
- everything else: family netwerk with an empty form (= not known from the source) and
  is_mandatory None (unknown)."""

from __future__ import annotations

from collaborations.core.choices import (
    Country,
    DivisionKind,
    Domain,
    LegalForm,
    LegalFormFamily,
)
from collaborations.divisions.services import FamilySpec, RegionDefaults

_WGR, _NETWORK, _PRIVATE = LegalFormFamily.WGR, LegalFormFamily.NETWERK, LegalFormFamily.PRIVAAT
_STAT, _RIJK, _SAMEN = (
    DivisionKind.STATISTISCH,
    DivisionKind.RIJKSINDELING,
    DivisionKind.SAMENWERKING,
)
_B, _F, _S, _E = Domain.BESTUUR, Domain.FYSIEK, Domain.SOCIAAL, Domain.ECONOMISCH
_STATISTICAL = "Statistische indeling (CBS/Eurostat), geen samenwerkingsverband."
_STATE = "Indeling van het Rijk of een rijksorgaan, geen samenwerkingsverband van gemeenten."
_UNKNOWN = "Rechtsvorm niet bekend uit deze bron; wettelijke verplichting niet vastgesteld."
_CENTRUM = (
    "Regio rond een door het Rijk aangewezen centrumgemeente (decentralisatie-uitkering); "
    "de vorm van de samenwerking verschilt per regio en is niet bekend uit deze bron."
)
_PASSEND = (
    "verplicht samenwerkingsverband passend onderwijs van schoolbesturen; een rechtspersoon "
    "(stichting of vereniging, per regio verschillend)."
)


def _stat(name: str, fmt: str, domain: str = _B, themes=("statistiek",)) -> tuple:
    return (name, domain, _STAT, RegionDefaults(themes=themes, name_format=fmt, basis=_STATISTICAL))


def _state(name: str, fmt: str, themes: tuple[str, ...], domain: str = _B, **extra) -> tuple:
    defaults = RegionDefaults(themes=themes, name_format=fmt, basis=_STATE, **extra)
    return (name, domain, _RIJK, defaults)


def _coop(name: str, fmt: str, themes: tuple[str, ...], domain: str = _S, **extra) -> tuple:
    extra.setdefault("basis", _UNKNOWN)
    return (name, domain, _SAMEN, RegionDefaults(themes=themes, name_format=fmt, **extra))


# fmt: off
_FAMILIES: dict[str, tuple] = {
    # cooperations
    "veiligheidsregios": _coop(
        "Veiligheidsregio's", "Veiligheidsregio {regio}", ("veiligheid",),
        legal_form_family=_WGR, legal_form=LegalForm.OPENBAAR_LICHAAM, is_mandatory=True,
        basis="Wet veiligheidsregio's art. 9: verplichte gemeenschappelijke regeling, openbaar lichaam."),
    "ggd-regios": _coop(
        "GGD-regio's", "{regio}", ("gezondheid",), legal_form_family=_WGR, is_mandatory=True,
        basis="Wet publieke gezondheid art. 14: verplichte GGD per regio; meestal een openbaar lichaam "
              "(Wgr), soms een dienst van een centrumgemeente."),
    "jeugdregios": _coop("Jeugdregio's", "Jeugdregio {regio}", ("jeugd",)),
    "arbeidsmarktregios": _coop(
        "Arbeidsmarktregio's", "Arbeidsmarktregio {regio}", ("werk-en-inkomen",), is_mandatory=True,
        basis="Wet SUWI art. 10: samenwerking per arbeidsmarktregio is verplicht; de vorm verschilt."),
    "res-regios": _coop("RES-regio's", "RES-regio {regio}", ("energietransitie",), domain=_F),
    "sub-res-regios": _coop("Sub-RES-regio's", "Sub-RES-regio {regio}", ("energietransitie",), domain=_F),
    "veilig-thuis-regios": _coop("Veilig Thuis-regio's", "Veilig Thuis {regio}", ("veiligheid", "jeugd")),
    "rmc-regios": _coop(
        "RMC-regio's", "RMC-regio {regio}", ("onderwijs", "jeugd"), is_mandatory=True,
        basis="RMC-wet (WVO art. 118h e.v.): verplichte RMC-regio met een contactgemeente."),
    "omgevingsdiensten": _coop(
        "Omgevingsdiensten (RUD's)", "{regio}", ("milieu-en-omgevingsdiensten",), domain=_F,
        legal_form_family=_WGR, legal_form=LegalForm.OPENBAAR_LICHAAM, is_mandatory=True,
        basis="Wabo art. 5.3 / Omgevingswet: verplichte omgevingsdienst, openbaar lichaam (Wgr)."),
    "brzo-omgevingsdiensten": _coop(
        "BRZO-omgevingsdiensten", "{regio}", ("milieu-en-omgevingsdiensten",), domain=_F,
        legal_form_family=_WGR, legal_form=LegalForm.OPENBAAR_LICHAAM, is_mandatory=True,
        basis="Wabo art. 5.3 / Omgevingswet: BRZO-taken bij zes omgevingsdiensten, openbaar lichaam (Wgr)."),
    "centrumgemeenten-mo-bw": _coop(
        "Centrumgemeenten maatschappelijke opvang en beschermd wonen", "Centrumgemeente MO/BW {regio}",
        ("zorg-wmo",), lead_is_region=True, basis=_CENTRUM),
    "centrumgemeenten-vrouwenopvang": _coop(
        "Centrumgemeenten vrouwenopvang en huiselijk geweld", "Centrumgemeente vrouwenopvang {regio}",
        ("zorg-wmo", "veiligheid"), lead_is_region=True, basis=_CENTRUM),
    "hlz-regios": _coop("HLZ-regio's (hervorming langdurige zorg)", "HLZ-regio {regio}", ("zorg-wmo",)),
    "intergemeentelijke-sociale-diensten": _coop(
        "Intergemeentelijke sociale diensten", "{regio}", ("werk-en-inkomen",),
        legal_form_family=_WGR, is_mandatory=False,
        basis="Intergemeentelijke sociale dienst: vrijwillige gemeenschappelijke regeling (Wgr)."),
    "passend-onderwijs-po": _coop(
        "Passend onderwijs (primair onderwijs)", "Samenwerkingsverband passend onderwijs {regio}",
        ("onderwijs",), legal_form_family=_PRIVATE, is_mandatory=True, basis=f"WPO art. 18a: {_PASSEND}"),
    "passend-onderwijs-vo": _coop(
        "Passend onderwijs (voortgezet onderwijs)", "Samenwerkingsverband passend onderwijs {regio}",
        ("onderwijs",), legal_form_family=_PRIVATE, is_mandatory=True, basis=f"WVO art. 17a: {_PASSEND}"),
    "regionale-platforms-arbeidsmarkt": _coop(
        "Regionale platforms arbeidsmarkt", "Regionaal platform arbeidsmarkt {regio}",
        ("werk-en-inkomen", "onderwijs")),
    "sociale-werkvoorziening": _coop("Sociale werkvoorziening", "{regio}", ("werk-en-inkomen",)),
    "wmo-regios": _coop("Wmo-regio's", "Wmo-regio {regio}", ("zorg-wmo",)),
    "veiligheidshuizen": _coop("Veiligheidshuizen", "{regio}", ("veiligheid",)),
    "vpt-regios": _coop("VPT-regio's", "VPT-regio {regio}", ("veiligheid",)),
    # divisions of the Rijk
    "politie-eenheden": _state("Politie-eenheden", "Politie-eenheid {regio}", ("veiligheid",), domain=_S),
    "arrondissementen": _state("Arrondissementen", "Arrondissement {regio}", ("bestuur-en-rechtspraak",)),
    "ressorten": _state("Ressorten", "Ressort {regio}", ("bestuur-en-rechtspraak",)),
    "kvk-regios": _state("KvK-regio's", "Kamer van Koophandel {regio}", ("economie",), domain=_S),
    "riecs": _state(
        "RIEC's", "{regio}", ("veiligheid",), domain=_S, legal_form=LegalForm.CONVENANT),
    "provincie-indeling": _state("Provincies (regioatlas)", "Provincie {regio}", ("bestuur-en-rechtspraak",)),
    "mirt-gebieden": _state("MIRT-gebieden", "MIRT-gebied {regio}", ("mobiliteit", "ruimtelijke-ordening")),
    "rcf-kenniscentra": _state(
        "RCF kenniscentra handhaving", "{regio}", ("werk-en-inkomen", "veiligheid"), domain=_S),
    # statistical divisions
    "corop-gebieden": _stat("COROP-gebieden", "COROP-gebied {regio}"),
    "corop-subgebieden": _stat("COROP-subgebieden", "COROP-subgebied {regio}"),
    "corop-plusgebieden": _stat("COROP-plusgebieden", "COROP-plusgebied {regio}"),
    "landsdelen": _stat("Landsdelen (NUTS-1)", "Landsdeel {regio}"),
    "nuts-2": _stat("NUTS-2-regio's", "NUTS-2 {regio}"),
    "nuts-3": _stat("NUTS-3-regio's", "NUTS-3 {regio}"),
    "regioplus-arbeidsmarktregios": _stat("RegioPlus-arbeidsmarktregio's", "RegioPlus-regio {regio}"),
    "landbouwgroepen": _stat("Landbouwgroepen", "Landbouwgroep {regio}", _E, ("statistiek", "landbouw")),
    "landbouwgebieden": _stat("Landbouwgebieden", "Landbouwgebied {regio}", _E, ("statistiek", "landbouw")),
    "toeristengroepen": _stat("Toeristengroepen", "Toeristengroep {regio}", _E, ("statistiek", "recreatie")),
    "toeristengebieden": _stat("Toeristengebieden", "Toeristengebied {regio}", _E, ("statistiek", "recreatie")),
}
# fmt: on

FAMILIES: dict[str, FamilySpec] = {
    slug: FamilySpec(slug=slug, name=name, domain=domain, kind=kind, regions=defaults)
    for slug, (name, domain, kind, defaults) in _FAMILIES.items()
}

#: The Flemish referentieregio's (shared/data README section 4).
REFERENTIEREGIOS = FamilySpec(
    slug="referentieregios",
    name="Referentieregio's (Vlaanderen)",
    domain=_B,
    kind=_RIJK,
    country=Country.BE,
    description=(
        "De vijftien referentieregio's die de Vlaamse Regering in 2022 vastlegde als kader voor "
        "intergemeentelijke samenwerking (regiovorming); een indeling van de Vlaamse overheid."
    ),
    regions=RegionDefaults(
        themes=("bestuur-en-rechtspraak",),
        name_format="Referentieregio {regio}",
        basis="Indeling van de Vlaamse overheid (regiovorming), geen samenwerkingsverband.",
    ),
)

#: BZK Regioatlas 2016: file stem -> family.
REGIOATLAS_2016: dict[str, str] = {
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

#: CBS Gebiedsindelingen (nl/indelingen_<year>/<stem>_<year>.csv): stem -> family.
CBS_FILES: dict[str, str] = {
    "jeugdregio": "jeugdregios",
    "ggdregio": "ggd-regios",
    "arbeidsmarktregio": "arbeidsmarktregios",
    "regionale_energiestrategie": "res-regios",
    "veiligthuisregio": "veilig-thuis-regios",
    "regionaalmeld_coordinatiepunt": "rmc-regios",
    "regionale_eenheid": "politie-eenheden",
    "veiligheidsregio": "veiligheidsregios",
    "coropgebied": "corop-gebieden",
    "coropsubgebied": "corop-subgebieden",
    "coropplusgebied": "corop-plusgebieden",
    "arrondissementsgebied": "arrondissementen",
    "ressort": "ressorten",
    "kamervankoophandelregio": "kvk-regios",
    "landsdeel": "landsdelen",
    "regioplus_arbeidsmarktregio": "regioplus-arbeidsmarktregios",
    "subres_regio": "sub-res-regios",
    "landbouwgroep": "landbouwgroepen",
    "landbouwgebied": "landbouwgebieden",
    "toeristengroep": "toeristengroepen",
    "toeristengebied": "toeristengebieden",
}


def family_of(slug: str) -> FamilySpec:
    return FAMILIES[slug]
