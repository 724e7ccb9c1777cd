"""Admin of the registration models. Roles are managed here by administrators (through the
service, so moderators get access to the admin); submissions, revisions, confirmations and
import jobs are records: moderators can look at them, changes go through the pages and the
API (which check permissions, validate and keep the history)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from collaborations import permissions
from collaborations.accounts.models import UserRole
from collaborations.registration.models import (
    ArrangementConfirmation,
    ArrangementRevision,
    ImportJob,
    Submission,
    SubmissionEvent,
)
from collaborations.registration.services.accounts import user_role_remove, user_role_set


@admin.register(UserRole)
class UserRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation_label")
    list_filter = ("role",)
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email", "organisation_label")
    autocomplete_fields = ("user", "municipalities", "arrangements")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        role = form.instance
        user_role_set(
            user=role.user,
            role=role.role,
            municipalities=list(role.municipalities.all().defer("geom")),
            arrangements=list(role.arrangements.all().defer("footprint")),
            organisation_label=role.organisation_label,
            by=request.user,
        )

    def delete_model(self, request, obj):
        user_role_remove(user=obj.user, by=request.user)

    def delete_queryset(self, request, queryset):
        for role in queryset.select_related("user"):
            user_role_remove(user=role.user, by=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only the services write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete_records(request.user)


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "by_label", "message")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "name", "status", "is_suggestion", "by_label", "submitted_at")
    list_filter = ("status", "kind", "is_suggestion")
    search_fields = ("reason", "by_label", "review_message")
    date_hierarchy = "submitted_at"
    inlines = (SubmissionEventInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("base_state")

    @admin.display(description=_("naam"))
    def name(self, obj: Submission) -> str:
        return obj.proposed.get("name", "")


@admin.register(ArrangementRevision)
class ArrangementRevisionAdmin(ReadOnlyAdmin):
    list_display = ("arrangement_id", "version", "kind", "by_label", "created_at", "reason")
    list_filter = ("kind",)
    search_fields = ("reason", "by_label", "arrangement__name")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("state")


@admin.register(ArrangementConfirmation)
class ArrangementConfirmationAdmin(ReadOnlyAdmin):
    list_display = ("arrangement_id", "last_confirmed_at", "by_label")
    date_hierarchy = "last_confirmed_at"


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "original_name", "status", "total_rows", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("original_name", "reason")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("preview")
