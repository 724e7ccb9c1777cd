"""Error handlers: problem details under /api/, Django's pages elsewhere."""

from django.conf import settings
from django.views import defaults

from atlas_api.exceptions import api_not_found, api_server_error


def not_found(request, exception=None):
    if request.path.startswith(settings.API_PATH_PREFIX):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(settings.API_PATH_PREFIX):
        return api_server_error(request)
    return defaults.server_error(request)
