"""RFC 9457 problem details (application/problem+json), as the API Design Rules ask."""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str = "",
    *,
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The body of a problem response. ``invalid_params`` names each bad parameter:
    ``[{"name": "bbox", "reason": "..."}]``."""
    body: dict[str, Any] = {"status": status, "title": title, "detail": detail or title}
    if invalid_params:
        body["invalidParams"] = invalid_params
    body.update(extra)
    return body


def problem_response(
    status: int,
    title: str,
    detail: str = "",
    *,
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    """A plain Django response with a problem body, for views outside DRF (e.g. tiles)."""
    response = JsonResponse(
        problem(status, title, detail, invalid_params=invalid_params),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response
