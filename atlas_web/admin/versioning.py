"""Admin view of the data version counters (read-only: services bump them)."""

from django.contrib import admin

from collaborations.core.models import DataVersion


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    list_display = ("key", "version", "changed_at")
    search_fields = ("key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
