from collaborations.models import registration  # noqa: F401 - registers the registration models
from collaborations.models.arrangements import (
    Arrangement,
    DataSource,
    Division,
    Membership,
    Organisation,
    Theme,
)
from collaborations.models.clustering import ClusterAssignment, ClusteringRun, ClusterResult  # noqa: F401
from collaborations.models.geography import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
    Reorganisation,
)
from collaborations.models.outbox import JobStatus, OutboxJob, WorkerHeartbeat
from collaborations.models.tiles import TileGeometry
from collaborations.models.versioning import DataVersion

__all__ = [
    "Arrangement",
    "DataSource",
    "DataVersion",
    "Division",
    "JobStatus",
    "Membership",
    "Municipality",
    "MunicipalityBoundary",
    "MunicipalityLineage",
    "Organisation",
    "OutboxJob",
    "Province",
    "Reorganisation",
    "Theme",
    "TileGeometry",
    "WorkerHeartbeat",
]
