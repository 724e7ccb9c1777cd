"""``Authorization: Token <key>`` for the API, against the hashed tokens of
collaborations.accounts (the domain knows nothing of DRF; this class maps its answer to DRF's).

An unknown, expired or revoked key is a 401 problem (with ``WWW-Authenticate: Token``), never
an anonymous request: a client that sends a token wants to know it no longer works."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from collaborations.accounts.services.tokens import TokenRefused, api_token_authenticate

KEYWORD = "Token"

REASONS = {
    TokenRefused.UNKNOWN: _("Onbekend API-token."),
    TokenRefused.EXPIRED: _("Dit API-token is verlopen; maak een nieuw aan op /account/api-token."),
    TokenRefused.REVOKED: _("Dit API-token is ingetrokken."),
    TokenRefused.INACTIVE: _("Het account van dit API-token is niet actief."),
}


class ApiTokenAuthentication(BaseAuthentication):
    keyword = KEYWORD

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:  # "Token" and the key
            raise exceptions.AuthenticationFailed(
                _("Ongeldige Authorization-header: stuur 'Token <token>'.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Onbekend API-token.")) from None
        user, refused = api_token_authenticate(key=key)
        if refused is not None:
            raise exceptions.AuthenticationFailed(REASONS[refused])
        return user, None

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI document, under the name DRF's tokens had (``tokenAuth``)."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=KEYWORD
        )
