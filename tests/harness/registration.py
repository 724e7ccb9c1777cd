"""What the registration services take: the state of the arrangement form as a dict."""

from __future__ import annotations

from collections.abc import Sequence


def arrangement_state(*, codes: Sequence[str], name: str = "Regio Cromveen", **fields) -> dict:
    """A new Wgr arrangement (openbaar lichaam) of the municipalities ``codes``, all of them
    participants; ``fields`` replace any of the defaults."""
    state = {
        "name": name,
        "legal_form_family": "wgr",
        "legal_form": "openbaar-lichaam",
        "is_mandatory": False,
        "themes": ["wonen", "mobiliteit"],
        "description": "Samen wonen en reizen.",
        "website": "https://regio-cromveen.nl",
        "start_date": "2020-01-01",
        "members": [{"kind": "municipality", "code": code, "role": "deelnemer"} for code in codes],
    }
    state.update(fields)
    return state
