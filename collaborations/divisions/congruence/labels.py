"""Plain-language names of the congruence measures, the fit classes and the border classes,
shared by the API and the congruence page (docs/congruence.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from collaborations.divisions.congruence.differences import MOVED, ONLY_IN_A, ONLY_IN_B
from collaborations.divisions.measures import COINCIDING, CROSSING, WITHIN
from collaborations.geography.selectors.borders import ONLY_A, ONLY_B, SHARED

#: The measures in the order the atlas shows them: (API name, attribute of ``Measures``,
#: plain name, what it means).
MEASURES = (
    (
        "ari",
        "ari",
        _("Overeenstemming (gecorrigeerde Rand-index)"),
        _(
            "Hoe vaak A en B twee gemeenten hetzelfde behandelen (samen in één regio, of "
            "gescheiden), gecorrigeerd voor toeval: 1 is gelijk, rond 0 zoals bij toeval."
        ),
    ),
    (
        "nmi",
        "nmi",
        _("Gedeelde informatie (genormaliseerde wederzijdse informatie)"),
        _(
            "Hoeveel de regio van een gemeente in A zegt over haar regio in B: 1 is gelijk, "
            "0 is onafhankelijk."
        ),
    ),
    (
        "vi",
        "vi",
        _("Afstand (variatie van informatie)"),
        _(
            "Hoeveel informatie verloren gaat en erbij moet om van A naar B te komen (in "
            "nats): 0 is gelijk, hoe hoger hoe verder uit elkaar."
        ),
    ),
    (
        "homogeniteit",
        "homogeneity",
        _("A past in B (homogeniteit)"),
        _("1 als elke regio van A binnen één regio van B ligt."),
    ),
    (
        "volledigheid",
        "completeness",
        _("B past in A (volledigheid)"),
        _("1 als elke regio van B binnen één regio van A ligt."),
    ),
)

FITS = {
    COINCIDING: _("samenvallend: dezelfde gemeenten als één regio van B"),
    WITHIN: _("binnen: ligt binnen één regio van B"),
    CROSSING: _("doorsnijdend: ligt in meer dan één regio van B"),
}

BORDERS = {
    SHARED: _("grens van A en B"),
    ONLY_A: _("alleen grens van A (loopt door een regio van B)"),
    ONLY_B: _("alleen grens van B (loopt door een regio van A)"),
}

DIFFERENCES = {
    MOVED: _("verhuisd: in een andere regio dan de tegenhanger van haar regio in A"),
    ONLY_IN_A: _("alleen in A"),
    ONLY_IN_B: _("alleen in B"),
}
