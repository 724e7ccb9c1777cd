"""Name normalisation and member matching (no database: the matcher takes model instances)."""

import datetime

import pytest

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.names import MemberMatcher, RegelingIndex, fix_mojibake, normalise
from collaborations.geography.models import Municipality, Province

ON = datetime.date(2015, 1, 1)


@pytest.mark.parametrize(
    ("variant", "official"),
    [
        ("Súdwest Fryslân", "Súdwest-Fryslân"),
        ("Sudwest-Fryslan", "Súdwest-Fryslân"),
        ("SÃºdwest-FryslÃ¢n", "Súdwest-Fryslân"),  # mojibake in the OpenGR file
        ("Nuenen. Gerwen en Nederwetten", "Nuenen, Gerwen en Nederwetten"),
        ("Gemeente Utrecht", "Utrecht"),
        ("gemeente Utrecht", "Utrecht"),
        ("Groningen (gemeente)", "Groningen"),
        ("Bergen (L)", "Bergen (L.)"),
        ("Bergen (NH)", "Bergen (NH.)"),
        ("Den Haag", "'s-Gravenhage"),
        ("s Gravenhage", "'s-Gravenhage"),
        ("\u2019s-Gravenhage", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("Capelle aan den Ijssel", "Capelle aan den IJssel"),
        ("  Dronten ", "Dronten"),
        ("Overbetuwe,", "Overbetuwe"),
        ("Sint Michielsgestel", "Sint-Michielsgestel"),
        ("Waterschap \u00e2\u20ac\u2122t Suydevelt", "Waterschap 't Suydevelt"),
        ("Friesland", "Fryslân"),
    ],
)
def test_normalise_makes_variants_equal(variant, official):
    assert normalise(variant) == normalise(official)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Bergen (L.)", "Bergen (NH.)"),
        ("Groningen", "Haren"),
        ("Hengelo (O)", "Hengelo (Gld)"),
    ],
)
def test_normalise_keeps_different_names_apart(one, other):
    assert normalise(one) != normalise(other)


def test_fix_mojibake_leaves_good_text_alone():
    assert fix_mojibake("Fryslân") == "Fryslân"
    assert fix_mojibake("FryslÃ¢n") == "Fryslân"


def _municipality(pk, code, name, *, valid_to=None, valid_from=None, province_id=None):
    return Municipality(
        id=pk,
        code=code,
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        province_id=province_id,
    )


@pytest.fixture
def provinces():
    return [
        Province(id=21, code="PV21", name="Fryslân"),
        Province(id=22, code="PV22", name="Drenthe"),
        Province(id=27, code="PV27", name="Noord-Holland"),
        Province(id=28, code="PV28", name="Zuid-Holland"),
        Province(id=30, code="PV30", name="Noord-Brabant"),
        Province(id=31, code="PV31", name="Limburg"),
    ]


@pytest.fixture
def matcher(provinces):
    municipalities = [
        _municipality(1, "GM0518", "'s-Gravenhage", province_id=28),
        _municipality(2, "GM1900", "Súdwest-Fryslân", province_id=21),
        _municipality(3, "GM0106", "Assen", province_id=22),
        _municipality(4, "GM0893", "Bergen (L.)", province_id=31),
        _municipality(5, "GM0373", "Bergen (NH.)", province_id=27),
        _municipality(6, "GM0788", "Haaren", valid_to=datetime.date(2021, 1, 1), province_id=30),
        _municipality(7, "GM0164", "Hengelo", province_id=None),
        _municipality(8, "GM1921", "De Friese Meren", valid_to=datetime.date(2015, 7, 1)),
        _municipality(9, "GM1940", "De Fryske Marren", valid_from=datetime.date(2015, 7, 1)),
        _municipality(10, "GM0820", "Nuenen, Gerwen en Nederwetten", province_id=30),
        # two municipalities named "Oudeland" over time: the one of 2015 wins
        _municipality(11, "GM0900", "Oudeland", valid_to=datetime.date(2010, 1, 1)),
        _municipality(12, "GM0901", "Oudeland"),
    ]
    return MemberMatcher(municipalities=municipalities, provinces=provinces, on=ON)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("'s-Gravenhage", "GM0518"),
        ("Den Haag", "GM0518"),
        ("Gemeente Den Haag", "GM0518"),
        ("SÃºdwest-FryslÃ¢n", "GM1900"),
        ("Sudwest Fryslan", "GM1900"),
        ("Gemeente Assen", "GM0106"),
        ("Haaren", "GM0788"),  # abolished in 2021, kept as recorded in 2015
        ("Hengelo (O)", "GM0164"),
        ("Bergen (L)", "GM0893"),
        ("Nuenen", "GM0820"),  # a known short form
        ("Oudeland", "GM0901"),
        ("De Fryske Marren", "GM1940"),  # renamed 2015-07-01: matched, not valid on ON
    ],
)
def test_matcher_finds_municipalities(matcher, name, code):
    match = matcher.classify(name)
    assert match.category == "municipality"
    assert match.target.code == code


def test_matcher_says_when_a_municipality_was_not_valid_on_the_date(matcher):
    assert "not a municipality on 2015-01-01" in matcher.classify("De Fryske Marren").via
    assert matcher.classify("De Friese Meren").via == ""


def test_matcher_uses_the_province_hint_for_ambiguous_names(matcher):
    assert matcher.classify("Bergen", province_hint="Provincie Noord-Holland").target.code == (
        "GM0373"
    )
    assert matcher.classify("Bergen", province_hint="Limburg").target.code == "GM0893"
    ambiguous = matcher.classify("Bergen", province_hint="Noordrijn-Westfalen (Duitsland)")
    assert ambiguous.category == "unmatched"
    assert "ambiguous" in ambiguous.via


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Provincie Fryslân", "PV21"),
        ("Provincie FryslÃ¢n", "PV21"),
        ("Provincie Friesland", "PV21"),
        ("Friesland", "PV21"),
        ("Provincie Noord Brabant", "PV30"),
        ("Provincie Drenthe", "PV22"),
        ("Limburg (NL)", "PV31"),
    ],
)
def test_matcher_finds_provinces(matcher, name, code):
    match = matcher.classify(name)
    assert match.category == "province"
    assert match.target.code == code


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Waterschap Hunze en Aa's", "waterschap"),
        ("Hoogheemraadschap van Rijnland", "waterschap"),
        ("Hoogheermraadschap van Rijnland", "waterschap"),  # spelling error in OpenGR
        ("Wetterskip FryslÃ¢n", "waterschap"),
        ("Waterschap Rivierenland ", "waterschap"),
        ("Staat der Nederlanden", "rijk"),
        ("Rijk", "rijk"),
        ("Ministerie van Onderwijs, Cultuur en Wetenschap", "rijk"),
        ("Recreatieschap Stichtse Groenlanden", "gemeenschappelijke-regeling"),
        ("Plassenschap Loosdrecht en omgeving", "gemeenschappelijke-regeling"),
        ("Veiligheidsregio Amsterdam", "gemeenschappelijke-regeling"),
        ("GGD Hollands Noorden", "gemeenschappelijke-regeling"),
        ("Stadsregio Amsterdam", "gemeenschappelijke-regeling"),
        ("Gemeenschappelijke regeling Drechtsteden", "gemeenschappelijke-regeling"),
        ("Regionale Afvalstoffendienst Hoeksche Waard", "gemeenschappelijke-regeling"),
        ("Waterschapsbedrijf Limburg", "gemeenschappelijke-regeling"),
        ("Kleef (Duitsland)", "overheid-overig"),
        ("Landkreis Emsland (Duitsland)", "overheid-overig"),
        ("Stichting ISOB", "maatschappelijk"),
        ("Sita Gemeentelijke Dienstverlening BV", "economisch"),
    ],
)
def test_matcher_classifies_organisations(matcher, name, kind):
    assert matcher.classify(name)[:2] == ("organisation", kind)


@pytest.mark.parametrize("name", ["Zevenaar Beuningen", "Zaanstreek", "Abcoude", "", "  "])
def test_matcher_leaves_unknown_names_unmatched(matcher, name):
    assert matcher.classify(name).category == "unmatched"


def test_regeling_index_matches_name_variants():
    regelingen = [
        Arrangement(id=1, name="Gemeentelijke Gezondheidsdienst (GGD) Brabant-Zuidoost"),
        Arrangement(id=2, name="Werkvoorzienschap De Dommel (WSD)"),
        Arrangement(id=3, name="Drechtsteden"),
        Arrangement(id=4, name="Omgevingsdienst Noord-Veluwe (ODNV)"),
        Arrangement(id=5, name="Samenwerkingsregeling Noord-Veluwe"),
        Arrangement(id=6, name="Promen"),
    ]
    index = RegelingIndex(regelingen)
    assert index.find("GGD Brabant-Zuidoost")[0].pk == 1
    assert index.find("Werkvoorzieningsschap De Dommel (WSD)")[0].pk == 2
    assert index.find("Gemeenschappelijke Regeling Drechtsteden") == (regelingen[2], "name")
    assert index.find("Werkvoorzieningschap Promen") == (regelingen[5], "words")
    assert index.find("Regio Noord-Veluwe") == (regelingen[4], "words")
    assert index.find("GGD Zuid-Limburg") == (None, "")
