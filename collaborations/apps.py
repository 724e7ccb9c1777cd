from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "collaborations"
    verbose_name = _("Regionale samenwerking")
