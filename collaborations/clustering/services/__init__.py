"""The BRE clustering (docs/bre.md): runs as jobs, the consensus Leiden clustering of the
co-membership network, the clusters' geography and measures."""

from collaborations.clustering.services.parameters import (
    ALGORITHMS,
    DEFAULT_PARAMETERS,
    ClusteringParameters,
    clustering_parameters_from,
    clustering_parameters_validate,
)
from collaborations.clustering.services.runs import (
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    RunFinishedError,
    clustering_default_run,
    clustering_run_cancel,
    clustering_run_create,
    clustering_run_execute,
    clustering_run_reap_stale,
)

__all__ = [
    "ALGORITHMS",
    "DEFAULT_PARAMETERS",
    "SOFT_TIME_LIMIT",
    "TIME_LIMIT",
    "ClusteringParameters",
    "RunFinishedError",
    "clustering_default_run",
    "clustering_parameters_from",
    "clustering_parameters_validate",
    "clustering_run_cancel",
    "clustering_run_create",
    "clustering_run_execute",
    "clustering_run_reap_stale",
]
