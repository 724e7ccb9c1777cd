"""Security settings (issue 12; docs/security.md, docs/adr/0006-security-controls.md): login
lockout, rate limits, API tokens, Content-Security-Policy and the other headers. Imported by
base.py; values come from the environment."""

from datetime import timedelta
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF

from .environment import env

# The base map's tiles (LEAFLET_CONFIG in base.py); its host is allowed by the CSP below.
BASEMAP_URL = env(
    "REGIOATLAS_BASEMAP_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
# The client's address: REMOTE_ADDR, or behind this many reverse proxies the address the
# nearest trusted proxy put into X-Forwarded-For (login lockout and rate limits count per
# address).
REGIOATLAS_PROXY_COUNT = env.int("REGIOATLAS_PROXY_COUNT", default=0)

# Login lockout (django-axes, database handler: it does not depend on Redis, whose cache fails
# open). 10 failures for an account OR from an address lock that account or address until
# the cool-off has passed since the last counted failure; attempts during a lockout do not
# extend it. Moderators unlock at /registratie/vergrendelingen.
AXES_FAILURE_LIMIT = env.int("REGIOATLAS_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(seconds=env.int("REGIOATLAS_LOGIN_COOLOFF_SECONDS", default=900))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False  # else a login to one's own account clears the address's count
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "regioatlas.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "atlas_web.views.registration.lockout.lockout_response"
AXES_VERBOSE = False  # the audit log (regioatlas.audit) records failures and lockouts
AXES_SENSITIVE_PARAMETERS = ["password"]

# Rate limits of the other account pages (django-ratelimit on the cache). The cache fails open
# when Redis is down, and so do these limits (the login lockout does not: it is in the
# database).
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "regioatlas.clientip.client_ip"
REGIOATLAS_RATE_PASSWORD_RESET = env("REGIOATLAS_RATE_PASSWORD_RESET", default="5/h")
REGIOATLAS_RATE_TOKEN_CREATE = env("REGIOATLAS_RATE_TOKEN_CREATE", default="10/h")

# API tokens (collaborations.accounts): only a SHA-256 digest is stored; a token expires after
# this many days; its last use is written at most once per REGIOATLAS_API_TOKEN_TOUCH_SECONDS.
REGIOATLAS_API_TOKEN_DAYS = env.int("REGIOATLAS_API_TOKEN_DAYS", default=90)
REGIOATLAS_API_TOKEN_TOUCH_SECONDS = env.int("REGIOATLAS_API_TOKEN_TOUCH_SECONDS", default=60)
REGIOATLAS_API_TOKENS_PER_USER = env.int("REGIOATLAS_API_TOKENS_PER_USER", default=5)

# Content-Security-Policy (django-csp 4), enforced on every response: scripts only from this
# site (ES modules; a nonce only for the inline scripts django-leaflet writes in the admin),
# no inline event handlers or styles, images and connections to this site and the base map.
_BASEMAP_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(BASEMAP_URL))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # data: for Leaflet's and the admin's inline SVG icons; blob: for the PNG export
        "img-src": sorted({SELF, "data:", "blob:", _BASEMAP_ORIGIN, "https://service.pdok.nl"}),
        "connect-src": sorted({SELF, _BASEMAP_ORIGIN, "https://service.pdok.nl"}),
        "font-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# Who may frame the embeddable map (/insluiten, and only that page): "*" (everyone, the
# default) or a comma-separated list of origins, e.g. "https://www.example.nl".
REGIOATLAS_EMBED_FRAME_ANCESTORS = env.list("REGIOATLAS_EMBED_FRAME_ANCESTORS", default=["*"])
# Browser features the site never uses.
REGIOATLAS_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
