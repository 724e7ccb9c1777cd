"""The models of the domain, one module per sub-domain (collaborations/<sub-domain>/models.py);
importing them here registers them with Django (app label ``collaborations``)."""

from collaborations.accounts.models import ApiToken, UserRole
from collaborations.arrangements.models import (
    Arrangement,
    ArrangementFootprint,
    DataSource,
    Membership,
    MunicipalityMembership,
    Organisation,
    Theme,
)
from collaborations.clustering.models import ClusterAssignment, ClusteringRun, ClusterResult
from collaborations.core.models import DataVersion, JobStatus, OutboxJob, WorkerHeartbeat
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.geography.models import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
    Reorganisation,
)
from collaborations.maps.models import SavedMap
from collaborations.profiles.models import MunicipalityDocument
from collaborations.registration import models as registration_models  # noqa: F401 - registers them
from collaborations.tiles.models import TileGeometry

__all__ = [
    "ApiToken",
    "Arrangement",
    "ArrangementFootprint",
    "ClusterAssignment",
    "ClusterResult",
    "ClusteringRun",
    "DataSource",
    "DataVersion",
    "Division",
    "DivisionVersion",
    "JobStatus",
    "Membership",
    "Municipality",
    "MunicipalityBoundary",
    "MunicipalityDocument",
    "MunicipalityLineage",
    "MunicipalityMembership",
    "Organisation",
    "OutboxJob",
    "Province",
    "Reorganisation",
    "SavedMap",
    "Theme",
    "TileGeometry",
    "UserRole",
    "WorkerHeartbeat",
]
