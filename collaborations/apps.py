from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "collaborations"
    verbose_name = _("Regionale samenwerking")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from collaborations.core.selectors import data_version_memo_end, data_version_memo_start

        # the data version is read once per request (collaborations/core/selectors.py)
        request_started.connect(data_version_memo_start, dispatch_uid="data-version-memo-start")
        request_finished.connect(data_version_memo_end, dispatch_uid="data-version-memo-end")
