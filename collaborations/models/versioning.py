"""A counter that changes whenever published data changes, for HTTP validators (ETag)."""

from django.db import models


class DataVersion(models.Model):
    """One row per data scope (``key``); ``version`` goes up on every change in that scope."""

    key = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dataversie"
        verbose_name_plural = "dataversies"

    def __str__(self) -> str:
        return f"{self.key}={self.version}"
