"""Parameters of the congruence endpoints: the two partitions compared, and which table a
download holds."""

from __future__ import annotations

from collaborations.clustering.selectors.partitions import REFERENCE

from .core import Param
from .filters import DATE, choice

#: The longest reference: ``bre:`` and a run number of 18 digits, or a slug of 80 characters.
PARTITION = {
    "type": "string",
    "pattern": REFERENCE,
    "maxLength": 80,
    "example": "veiligheidsregios",
}
PARTITION_HELP = (
    "de code van een indeling (bijv. `veiligheidsregios`), `provincies`, `bre:standaard` "
    "(de clusters van de standaard-BRE-analyse) of `bre:<nummer>` (een afgeronde analyse)."
)
PARTITIONS = (
    Param("a", PARTITION, f"Indeling A: {PARTITION_HELP}", required=True),
    Param(
        "b",
        {**PARTITION, "example": "provincies"},
        f"Indeling B: {PARTITION_HELP}",
        required=True,
    ),
)
TABLES = ("regios", "gemeenten")
TABLE = Param(
    "tabel",
    choice(TABLES),
    "Welke tabel CSV en XLSX geven: per regio van A (`regios`, standaard) of per gemeente "
    "(`gemeenten`). JSON geeft beide.",
    keyword="table",
    default="regios",
)

#: The peildatum of each side of the side-by-side comparison (``/congruentie/verschillen``).
SIDE_DAYS = (
    Param(
        "peildatumA",
        DATE,
        "Peildatum van indeling A (JJJJ-MM-DD); standaard vandaag.",
        keyword="day_a",
    ),
    Param(
        "peildatumB",
        DATE,
        "Peildatum van indeling B (JJJJ-MM-DD); standaard vandaag.",
        keyword="day_b",
    ),
)
