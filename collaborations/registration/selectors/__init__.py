"""Reads of registration (one package: states, history and review, form lookups). Every
function runs a constant number of queries."""

from collaborations.registration.selectors.history import (
    arrangement_choices,
    arrangement_history,
    import_job_get,
    import_jobs,
    open_submissions_for,
    review_queue,
    revision_get,
    revisions_since,
    submission_get,
    submission_view,
    submissions_of,
)
from collaborations.registration.selectors.lookups import (
    footprint_preview,
    member_search,
    member_sort,
    members_resolve,
    organisation_search,
)
from collaborations.registration.selectors.states import (
    arrangement_state,
    arrangement_states,
    public_label,
    user_label,
)

__all__ = [
    "arrangement_choices",
    "arrangement_history",
    "arrangement_state",
    "arrangement_states",
    "footprint_preview",
    "import_job_get",
    "import_jobs",
    "member_search",
    "member_sort",
    "members_resolve",
    "open_submissions_for",
    "organisation_search",
    "public_label",
    "review_queue",
    "revision_get",
    "revisions_since",
    "submission_get",
    "submission_view",
    "submissions_of",
    "user_label",
]
