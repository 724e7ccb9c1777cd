"""Dutch first: the atlas opens in Dutch whatever the browser asks for; the language switch
(a cookie set by Django's set_language view) chooses English."""

from django.conf import settings


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
