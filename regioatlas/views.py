"""Error handlers: problem details under /api/, Django's pages elsewhere. An error that means
the database cannot be reached (a restart) is a 503 with Retry-After, not a 500."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.template.response import SimpleTemplateResponse
from django.views import defaults

from atlas_api.exceptions import TITLES, api_not_found, api_server_error
from atlas_api.problems import problem_response
from atlas_api.unavailable import RETRY_AFTER_SECONDS, unavailable_response
from regioatlas.limits import too_large
from regioatlas.resilience import database_unavailable


def bad_request(request, exception=None):
    """A request Django refuses (a body too big, a host not allowed, a malformed form):
    413 for a body too big, else 400."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    if request.path.startswith(settings.API_PATH_PREFIX):
        return problem_response(400, str(TITLES[400]), str(exception or "") or str(TITLES[400]))
    return defaults.bad_request(request, exception)


def not_found(request, exception=None):
    if request.path.startswith(settings.API_PATH_PREFIX):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls handler500 while it handles the exception: sys.exc_info() names it.
    if database_unavailable(sys.exc_info()[1]):
        return _unavailable(request)
    if request.path.startswith(settings.API_PATH_PREFIX):
        return api_server_error(request)
    return defaults.server_error(request)


def _unavailable(request):
    if request.path.startswith(settings.API_PATH_PREFIX):
        return unavailable_response()
    # A page of its own that needs no database (no user, no base template).
    response = SimpleTemplateResponse("503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response.render()
