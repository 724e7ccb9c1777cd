from . import registration  # noqa: F401 - registers the registration models
from .arrangements import Arrangement, DataSource, Division, Membership, Organisation, Theme
from .clustering import ClusterAssignment, ClusteringRun, ClusterResult  # noqa: F401
from .geography import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
    Reorganisation,
)
from .outbox import JobStatus, OutboxJob, WorkerHeartbeat
from .tiles import TileGeometry
from .versioning import DataVersion

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
