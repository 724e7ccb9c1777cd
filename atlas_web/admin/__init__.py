"""Django admin of the domain: every model of collaborations.models, map widgets for geometry,
and the map of the current municipalities (``MunicipalityAdmin.map_view``).

Split by the model modules: ``geography``, ``arrangements`` and ``versioning``; ``base`` holds
the list machinery (no geometry in lists), ``maps`` the GeoJSON built in the database."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from atlas_web.admin import (
    accounts,
    arrangements,
    geography,
    registration,  # noqa: F401 - the registration models
    versioning,
)
from collaborations import permissions

admin.site.site_header = _("Regioatlas beheer")
# Who enters the admin site is a rule of collaborations/permissions.py, not Django's flag.
admin.site.has_permission = lambda request: permissions.uses_admin_site(request.user)
admin.site.site_title = _("Regioatlas beheer")

__all__ = ["accounts", "arrangements", "geography", "versioning"]
