"""Site-wide middleware: Dutch first (the atlas opens in Dutch whatever the browser asks for;
the language switch, a cookie set by Django's set_language view, chooses English), the
Permissions-Policy header, and the data version read once per request."""

from django.conf import settings

from collaborations.core.selectors import data_version_memo


class DutchByDefaultMiddleware:
    """Runs before LocaleMiddleware: without a language cookie, the browser's
    Accept-Language is ignored, so LANGUAGE_CODE (nl) applies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` (REGIOATLAS_PERMISSIONS_POLICY): the browser features the
    site never uses are off, also for anything embedded."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.REGIOATLAS_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class DataVersionOncePerRequestMiddleware:
    """The data version is read once per request, however many middleware, views and cache
    keys ask for it (collaborations.core.selectors.data_version_memo)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with data_version_memo():
            return self.get_response(request)
