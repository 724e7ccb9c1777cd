"""Matching names as they are written in published lists: members to municipalities,
provinces and other organisations (:class:`MemberMatcher`), and names of gemeenschappelijke
regelingen to regelingen already loaded (:class:`RegelingIndex`).

Published lists (OpenGR 2015, the BZK Regioatlas) name their members by hand: with or without
"Gemeente", with diacritics or without, with a full stop instead of a comma, with "Den Haag"
for 's-Gravenhage, and in old spellings. :func:`normalise` reduces a name to a key in which
these variants coincide."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Generic, NamedTuple, Protocol, TypeVar

from collaborations.core.choices import OrganisationKind
from collaborations.geography.models import Municipality, Province

# Characters written as an apostrophe: left and right single quotation marks, reversed
# quotation mark, grave and acute accents, prime.
_APOSTROPHES = re.compile("[\u2018\u2019\u201b`\u00b4\u2032']")
# Qualifiers that tell municipalities of the same name apart: "Bergen (L.)", "Hengelo (O)".
_QUALIFIER = re.compile(r"\(\s*([a-z]{1,3})\s*\.?\s*\)")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,;:/_&+\"\u201c\u201d\u201e]+")
_PREFIXES = ("gemeente ", "gem. ")
_SUFFIXES = (" (gemeente)", " (gem)", " (gem.)")

#: Whole-name aliases, applied after normalisation: the everyday names of two municipalities
#: whose official (CBS) names start with 's, and the Dutch name of the province Fryslân.
ALIASES: dict[str, str] = {
    "den haag": "s gravenhage",
    "den bosch": "s hertogenbosch",
    "friesland": "fryslan",
}


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Windows-1252 ("FryslÃ¢n" -> "Fryslân")."""
    if "Ã" not in text and "â€" not in text:
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(name: str) -> str:
    """A comparison key for a name: case, diacritics, apostrophes, hyphens, dots, commas and
    the words "Gemeente"/"(gemeente)" do not matter; qualifiers are written "(l)", "(nh)"."""
    text = _APOSTROPHES.sub("'", fix_mojibake(name))
    text = strip_diacritics(text).casefold().strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    text = _QUALIFIER.sub(lambda match: f" ({match.group(1)}) ", text)
    text = text.replace("'", " ")
    text = " ".join(part for part in _SEPARATORS.split(text) if part)
    return ALIASES.get(text, text)


def without_qualifier(key: str) -> str:
    """``normalise``'d key without a trailing qualifier: "bergen (nh)" -> "bergen"."""
    return re.sub(r"\s*\([a-z]{1,3}\)$", "", key)


#: Spelling variants of municipality names seen in the OpenGR 2015 lists, mapped to the
#: normalised official name: typing errors, short forms, and member lists that were split at
#: the wrong comma ("Cuijk, Grave, Mill en Sint Hubert" -> "Grave en Mill", "Sint Hubert").
KNOWN_VARIANTS: dict[str, str] = {
    "gedrop mierlo": "geldrop mierlo",
    "haasbergen": "haaksbergen",
    "neusden": "heusden",
    "nuenen": "nuenen gerwen en nederwetten",
    "hoogezand": "hoogezand sappemeer",
    "middelaar": "mook en middelaar",
    "grave en mill": "grave",
    "sint hubert": "mill en sint hubert",
}

_PROVINCE_PREFIX = re.compile(r"^(provincie|prov)\s+")
# Each rule: (pattern on the normalised name, organisation kind). The first match wins.
_ORGANISATION_RULES: list[tuple[re.Pattern[str], str]] = [
    # Water boards (only these are kind waterschap; "Waterschapsbedrijf" is not a water board).
    # "hoogheermraadschap" is a spelling error in the OpenGR lists.
    (
        re.compile(r"\b(waterschap|hoogheemraadschap|hoogheermraadschap|wetterskip)\b"),
        OrganisationKind.WATERSCHAP,
    ),
    # Foreign members: German and Belgian municipalities and districts, chambers of commerce.
    (re.compile(r"\((duitsland|deutschland|belgie)\)$"), OrganisationKind.OVERHEID_OVERIG),
    # The Rijk: the State, ministries, Rijkswaterstaat, Rijksarchief.
    (
        re.compile(r"^(het )?(rijk|staat der nederlanden|ministerie\b.*|rijks\w+\b.*)$"),
        OrganisationKind.RIJK,
    ),
    # Other gemeenschappelijke regelingen, and their services, as members of a regeling.
    (
        re.compile(
            r"\b(gemeenschappelijke regeling|veiligheidsregio|ggd|stadsregio|regio|regionale"
            r"|omgevingsdienst|dienst|samenwerkingsverband|waterschapsbedrijf|waterschapshuis"
            r"|(recreatie|plassen|meer|afval|natuur|bedrijven|werkvoorziening|werkvoorzienings)schap)\b"
        ),
        OrganisationKind.GEMEENSCHAPPELIJKE_REGELING,
    ),
    (re.compile(r"^kamer van koophandel\b"), OrganisationKind.OVERHEID_OVERIG),
    (re.compile(r"^stichting\b"), OrganisationKind.MAATSCHAPPELIJK),
    (re.compile(r"\b(b v|bv|n v|nv)$"), OrganisationKind.ECONOMISCH),
]


class Named(Protocol):
    pk: int
    name: str


T = TypeVar("T", bound=Named)


class Match(NamedTuple):
    """The result of classifying a name: ``("municipality", Municipality)``,
    ``("province", Province)``, ``("organisation", kind)`` or ``("unmatched", None)``.
    ``via`` says how a match was made when it was not by the exact name on the date."""

    category: str
    target: Municipality | Province | str | None
    via: str = ""


def _valid_on(municipality: Municipality, on: datetime.date) -> bool:
    return (municipality.valid_from is None or municipality.valid_from <= on) and (
        municipality.valid_to is None or municipality.valid_to > on
    )


class MemberMatcher:
    """Classifies member names. Built once from querysets (one query each), then used per row
    without queries. Of several municipalities with one name, those valid on ``on`` win; a
    municipality not valid on ``on`` is still matched when it is the only one of that name."""

    def __init__(
        self,
        *,
        municipalities: Iterable[Municipality],
        provinces: Iterable[Province],
        on: datetime.date,
    ) -> None:
        self.on = on
        self._by_name: dict[str, list[Municipality]] = defaultdict(list)
        self._by_base_name: dict[str, list[Municipality]] = defaultdict(list)
        for municipality in municipalities:
            key = normalise(municipality.name)
            self._by_name[key].append(municipality)
            base = without_qualifier(key)
            if base != key:
                self._by_base_name[base].append(municipality)
        self._provinces = {normalise(province.name): province for province in provinces}

    def classify(self, name: str, *, province_hint: str = "") -> Match:
        """Classify one member name. ``province_hint`` (a province name, as in "Provincie
        Noord-Holland") chooses between municipalities of one name, such as "Bergen"."""
        key = normalise(name)
        if not key:
            return Match("unmatched", None, "empty name")
        match = self.match_municipality(key, province_hint=province_hint)
        if match is not None:
            return match
        province = self.province(key)
        if province is not None:
            return Match("province", province)
        for pattern, kind in _ORGANISATION_RULES:
            if pattern.search(key):
                return Match("organisation", str(kind))
        return Match("unmatched", None)

    def match_municipality(self, key: str, *, province_hint: str = "") -> Match | None:
        """The municipality for a normalised name; None when the name is no municipality's;
        an unmatched Match when it fits several and the hint does not decide."""
        via = ""
        candidates = self._candidates(key)
        if not candidates and key in KNOWN_VARIANTS:
            candidates, via = self._candidates(KNOWN_VARIANTS[key]), "known spelling variant"
        if not candidates:
            return None
        chosen = self._choose(candidates, province_hint)
        if chosen is None:
            names = ", ".join(sorted(f"{c.name} ({c.code})" for c in candidates))
            return Match("unmatched", None, f"ambiguous: {names}")
        if not _valid_on(chosen, self.on):
            via = "; ".join(filter(None, [via, f"not a municipality on {self.on.isoformat()}"]))
        return Match("municipality", chosen, via)

    def province(self, key: str) -> Province | None:
        bare = _PROVINCE_PREFIX.sub("", key)
        for candidate in (bare, without_qualifier(bare)):
            province = self._provinces.get(ALIASES.get(candidate, candidate))
            if province is not None:
                return province
        return None

    def _candidates(self, key: str) -> list[Municipality]:
        if key in self._by_name:
            return self._by_name[key]
        base = without_qualifier(key)
        return self._by_name.get(base) or self._by_base_name.get(base) or []

    def _choose(self, candidates: list[Municipality], province_hint: str) -> Municipality | None:
        if len(candidates) > 1:
            valid = [candidate for candidate in candidates if _valid_on(candidate, self.on)]
            candidates = valid or candidates
        if len(candidates) > 1 and province_hint:
            province = self.province(normalise(province_hint))
            candidates = [
                candidate
                for candidate in candidates
                if province is not None and candidate.province_id == province.pk
            ]
        return candidates[0] if len(candidates) == 1 else None


# --- Names of gemeenschappelijke regelingen ------------------------------------------------

_PARENTHESES = re.compile(r"\(([^()]*)\)")
_LEGAL_PREFIX = re.compile(
    r"^(gemeenschappelijke regeling|gr|openbaar lichaam|centrumregeling|samenwerkingsregeling"
    r"|regeling|samenwerkingsverband)\s+"
)
_SYNONYMS = [
    (re.compile(r"\bgemeentelijke gezondheidsdienst\b"), "ggd"),
    (re.compile(r"\bintergemeentelijke sociale dienst\b"), "isd"),
    (re.compile(r"\bwerkvoorzienings?schap\b|\bwerkvoorzienschap\b"), "werkvoorzieningschap"),
    (re.compile(r"\be ?o\b"), "en omstreken"),
]
#: Words that say what kind of body a regeling is rather than which one; left out when names
#: are compared by their distinctive words.
_GENERIC_WORDS = frozenset(
    {
        *("gemeenschappelijke", "regeling", "gr", "openbaar", "lichaam", "centrumregeling"),
        *("samenwerkingsverband", "samenwerkingsregeling", "sociaal", "sociale", "dienst"),
        *("diensten", "werkvoorziening", "werkvoorzieningschap", "werkvoorzieningsbedrijf"),
        *("regionaal", "regionale", "regio", "reinigingsdienst", "reinigingsdiensten"),
        *("reinigingsbedrijf", "bedrijf", "bedrijven", "groep", "nv", "bv"),
        *("en", "de", "het", "van", "voor", "in", "op"),
    }
)


def regeling_keys(name: str) -> list[str]:
    """Comparison keys for the name of a regeling, most specific first: the normalised name;
    without parenthesised parts and with synonyms unified ("Gemeentelijke Gezondheidsdienst"
    = "GGD"); without a legal-form prefix ("GR ", "Openbaar Lichaam "); each parenthesised
    part of three or more characters (usually an abbreviation)."""
    fixed = fix_mojibake(name)
    bare = normalise(_PARENTHESES.sub(" ", fixed))
    for pattern, replacement in _SYNONYMS:
        bare = pattern.sub(replacement, bare)
    keys = [normalise(fixed), bare, _LEGAL_PREFIX.sub("", bare)]
    for inner in _PARENTHESES.findall(fixed):
        inner_key = _LEGAL_PREFIX.sub("", normalise(inner))
        if len(inner_key) >= 3:
            keys.append(inner_key)
    return list(dict.fromkeys(key for key in keys if key))


def distinctive_words(name: str) -> frozenset[str]:
    keys = regeling_keys(name)
    return frozenset(keys[1].split() if len(keys) > 1 else keys[0].split()) - _GENERIC_WORDS


class RegelingIndex(Generic[T]):
    """Finds the one regeling (any object with ``pk`` and ``name``) that a name refers to.

    In this order, for each name given: (1) "name": a key of :func:`regeling_keys` that fits
    one regeling only. Failing that, fuzzy ("words", to be reviewed): (2) one regeling with the
    same distinctive words; (3) one regeling that shares a word no other regeling has, and more
    than half of the name's distinctive words; (4) one regeling whose distinctive words (two or
    more) contain, or are contained in, those of the name."""

    def __init__(self, regelingen: Iterable[T]) -> None:
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.words: dict[int, frozenset[str]] = {}
        self.all_words: dict[int, frozenset[str]] = {}
        self.regelingen: dict[int, T] = {}
        for regeling in regelingen:
            self.regelingen[regeling.pk] = regeling
            for key in regeling_keys(regeling.name):
                self.by_key[key].add(regeling.pk)
            self.words[regeling.pk] = distinctive_words(regeling.name)
            self.all_words[regeling.pk] = frozenset(
                normalise(regeling.name.replace("(", " ").replace(")", " ")).split()
            )
        frequency = Counter(word for words in self.all_words.values() for word in words)
        self.rare = {word for word, n in frequency.items() if n == 1 and len(word) >= 4}
        self.rare -= _GENERIC_WORDS

    def find(self, *names: str) -> tuple[T | None, str]:
        """The regeling for the first of ``names`` that identifies one, and how ("name" or
        "words"); (None, "") when none does."""
        for how, finder in (("name", self._by_key), ("words", self._by_words)):
            for name in filter(None, names):
                found = finder(name)
                if found is not None:
                    return self.regelingen[found], how
        return None, ""

    def _by_key(self, name: str) -> int | None:
        for key in regeling_keys(name):
            ids = self.by_key.get(key, set())
            if len(ids) == 1:
                return next(iter(ids))
        return None

    def _by_words(self, name: str) -> int | None:
        words = distinctive_words(name)
        if not words:
            return None
        equal = [pk for pk, other in self.words.items() if other == words]
        rare = [
            pk
            for pk, other in self.all_words.items()
            if other & words & self.rare and len(other & words) * 2 > len(words)
        ]
        related = [
            pk
            for pk, other in self.words.items()
            if min(len(other), len(words)) >= 2 and (other <= words or words <= other)
        ]
        for candidates in (equal, rare, related):
            if len(candidates) == 1:
                return candidates[0]
        return None
