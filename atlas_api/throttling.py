"""Request rate limits (DEFAULT_THROTTLE_CLASSES; rates in DEFAULT_THROTTLE_RATES)."""

from __future__ import annotations

from rest_framework.throttling import UserRateThrottle


class SignedInRateThrottle(UserRateThrottle):
    """The ``user`` rate for signed-in clients only. DRF's UserRateThrottle also counts
    anonymous clients (by address) next to AnonRateThrottle, which already limits them: two
    cache round trips per anonymous request instead of one (issue 15)."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # AnonRateThrottle's
        return super().get_cache_key(request, view)
