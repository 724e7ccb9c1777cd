from .arrangements import Arrangement, DataSource, Division, Membership, Organisation, Theme
from .geography import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
    Reorganisation,
)

__all__ = [
    "Arrangement",
    "DataSource",
    "Division",
    "Membership",
    "Municipality",
    "MunicipalityBoundary",
    "MunicipalityLineage",
    "Organisation",
    "Province",
    "Reorganisation",
    "Theme",
]
