"""Error handlers: problem details under /api/, Django's pages elsewhere."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.views import defaults

from atlas_api.exceptions import TITLES, api_not_found, api_server_error
from atlas_api.problems import problem_response

from .limits import too_large


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
    if request.path.startswith(settings.API_PATH_PREFIX):
        return api_server_error(request)
    return defaults.server_error(request)
