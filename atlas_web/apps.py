from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed

from atlas_web import audit


class AtlasWebConfig(AppConfig):
    name = "atlas_web"
    verbose_name = "Regioatlas web"

    def ready(self) -> None:
        from axes.signals import user_locked_out  # needs the app registry (axes' models)

        user_login_failed.connect(audit.login_failed, dispatch_uid="regioatlas-audit-failed")
        user_locked_out.connect(audit.locked_out, dispatch_uid="regioatlas-audit-locked")
        user_logged_in.connect(audit.logged_in, dispatch_uid="regioatlas-audit-login")
