"""Headers every API response carries: API-Version (API Design Rules), CORS for public reads,
and problem details for errors raised outside DRF views (404 on unknown URLs, 500)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .problems import PROBLEM_CONTENT_TYPE, problem_response

READ_METHODS = ("GET", "HEAD", "OPTIONS")


class ApiHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "API_PATH_PREFIX", "/api/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        preflight = request.META.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if request.method == "OPTIONS" and preflight in READ_METHODS:
            response = HttpResponse(status=204)
        else:
            response = self.get_response(request)
        response = self._problem_for_plain_errors(request, response)
        response["API-Version"] = settings.API_VERSION
        if request.method in READ_METHODS and (preflight is None or preflight in READ_METHODS):
            # Published data is public: any site may read it, without credentials.
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Crs, If-None-Match"
            response["Access-Control-Expose-Headers"] = (
                "API-Version, Content-Crs, ETag, Link, X-Total-Count, X-Pagination-Page, "
                "X-Pagination-Limit"
            )
        return response

    @staticmethod
    def _problem_for_plain_errors(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Django's own 404/405/500 pages become problem details under the API prefix."""
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or content_type.startswith(PROBLEM_CONTENT_TYPE):
            return response
        if content_type.startswith("text/html"):
            return problem_response(response.status_code, response.reason_phrase)
        return response
