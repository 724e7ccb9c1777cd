"""Admin for arrangements (samenwerkingsverbanden), their members, themes, divisions,
organisations and sources."""

from __future__ import annotations

from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_value
from django.db.models import Count
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from leaflet.admin import LeafletGeoAdmin

from atlas_web.admin.base import (
    URL_FIELDS_HTTPS,
    ArrangementValidityFilter,
    ChoicesWithoutGeometryMixin,
    DataChangeMixin,
    EditThroughRegistrationMixin,
    ListQuerysetMixin,
    RelatedWithoutGeometryFilter,
    ValidityFilter,
)
from atlas_web.admin.maps import footprint_collection
from collaborations.arrangements.models import (
    Arrangement,
    DataSource,
    Membership,
    Organisation,
    Theme,
)
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.divisions.models import Division, DivisionVersion
from collaborations.permissions import can_review

#: The request of the change page being rendered (per thread), for the map's CSP nonce.
_REQUEST: ContextVar[HttpRequest | None] = ContextVar("arrangement_admin_request", default=None)


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ("slug", "name", "publisher", "year", "licence", "loaded_at")
    list_filter = ("year", "publisher")
    search_fields = ("slug", "name", "publisher")


@admin.register(Theme)
class ThemeAdmin(DataChangeMixin, ListQuerysetMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "name_en", "domain", "arrangement_count")
    list_filter = ("domain",)
    search_fields = ("slug", "name", "name_en")
    prepopulated_fields = {"slug": ("name",)}

    def annotate_list(self, queryset):
        return queryset.annotate(arrangement_count=Count("arrangements"))

    @admin.display(description=_("samenwerkingsverbanden"), ordering="arrangement_count")
    def arrangement_count(self, obj: Theme) -> int:
        return obj.arrangement_count


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ("name", "kind", "kvk_number", "website")
    list_filter = ("kind",)
    search_fields = ("name", "kvk_number")


class DivisionVersionInline(admin.TabularInline):
    model = DivisionVersion
    fields = ("valid_from", "label", "source", "loaded_at")
    readonly_fields = ("loaded_at",)
    autocomplete_fields = ("source",)
    extra = 0


@admin.register(Division)
class DivisionAdmin(DataChangeMixin, ListQuerysetMixin, admin.ModelAdmin):
    list_display = ("name", "country", "domain", "kind", "region_count", "source")
    list_filter = ("country", "domain", "kind")
    list_select_related = ("source",)
    search_fields = ("slug", "name")
    autocomplete_fields = ("source",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (DivisionVersionInline,)

    def annotate_list(self, queryset):
        return queryset.annotate(region_count=Count("regions"))

    @admin.display(description=_("regio's"), ordering="region_count")
    def region_count(self, obj: Division) -> int:
        return obj.region_count


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = (
            "arrangement",
            "municipality",
            "province",
            "organisation",
            "role",
            "valid_from",
            "valid_to",
            "name_as_recorded",
            "source",
        )
        # The member relations have no Dutch verbose_name on the model.
        labels = {
            "arrangement": _("samenwerkingsverband"),
            "municipality": _("gemeente"),
            "province": _("provincie"),
            "organisation": _("organisatie"),
            "source": _("bron"),
        }


class MembershipInline(ChoicesWithoutGeometryMixin, admin.TabularInline):
    model = Membership
    form = MembershipForm
    fields = (
        "municipality",
        "province",
        "organisation",
        "role",
        "valid_from",
        "valid_to",
        "name_as_recorded",
        "source",
    )
    autocomplete_fields = ("municipality", "province", "organisation", "source")
    extra = 0


@admin.register(Arrangement)
class ArrangementAdmin(
    EditThroughRegistrationMixin, DataChangeMixin, ListQuerysetMixin, LeafletGeoAdmin
):
    """The footprint is computed from the members (services.arrangement_footprints_recompute),
    so the change form shows it on a read-only map and never edits it."""

    formfield_overrides = URL_FIELDS_HTTPS
    list_display = (
        "name",
        "legal_form_family",
        "legal_form",
        "is_mandatory",
        "division",
        "publication_status",
        "stage",
        "member_count",
        "theme_names",
    )
    list_filter = (
        ArrangementValidityFilter,
        "legal_form_family",
        "legal_form",
        "is_mandatory",
        "publication_status",
        "stage",
        "themes",
        "division",
    )
    list_select_related = ("division",)
    search_fields = ("name", "short_name", "slug", "cbs_gr_code", "region_code", "kvk_number")
    autocomplete_fields = ("themes", "division", "source")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("footprint_map", "footprint_computed_at", "created", "updated", "version")
    inlines = (MembershipInline,)
    actions = ("recompute_footprints",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "description", "website")}),
        (_("Rechtsvorm"), {"fields": ("legal_form_family", "legal_form", "is_mandatory")}),
        (
            _("Inhoud en looptijd"),
            {"fields": ("themes", "division", "region_code", "stage", "start_date", "end_date")},
        ),
        (_("Registratie"), {"fields": ("cbs_gr_code", "kvk_number", "publication_status")}),
        (_("Herkomst"), {"fields": ("source", "source_reference", "provenance_note")}),
        (_("Gebied"), {"fields": ("footprint_map", "footprint_computed_at")}),
        (_("Beheer"), {"classes": ("collapse",), "fields": ("created", "updated", "version")}),
    )

    def annotate_list(self, queryset):
        return queryset.annotate(member_count=Count("memberships", distinct=True)).prefetch_related(
            "themes"
        )

    @admin.display(description=_("lidmaatschappen"), ordering="member_count")
    def member_count(self, obj: Arrangement) -> int:
        return obj.member_count

    @admin.display(description=_("thema's"))
    def theme_names(self, obj: Arrangement) -> str:
        return ", ".join(theme.name for theme in obj.themes.all())

    @admin.display(description=_("gebied"))
    def footprint_map(self, obj: Arrangement) -> str:
        if obj.pk is None:
            return _("Het gebied wordt berekend uit de leden.")
        collection = footprint_collection(Arrangement.objects.filter(pk=obj.pk))
        if not collection["features"]:
            return _(
                "Nog geen gebied: het wordt berekend uit de gemeenten die de leden vandaag "
                "vertegenwoordigen (actie “Gebied herberekenen”)."
            )
        context = {"collection": collection, "map_settings": {"NO_GLOBALS": True}}
        # The page's request: django-leaflet's inline map script needs its CSP nonce.
        return render_to_string(
            "admin/collaborations/arrangement/footprint_map.html", context, request=_REQUEST.get()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        token = _REQUEST.set(request)
        try:
            response = super().change_view(request, object_id, form_url, extra_context)
            if isinstance(response, TemplateResponse):  # the map is drawn while rendering
                response.render()
            return response
        finally:
            _REQUEST.reset(token)

    # The timestamps have no Dutch verbose_name on the model; these give them a label and the
    # admin's date formatting (callables are otherwise shown with str()).
    @admin.display(description=_("gebied berekend op"))
    def footprint_computed_at(self, obj: Arrangement) -> str:
        return display_for_value(obj.footprint_updated_at, self.get_empty_value_display())

    @admin.display(description=_("aangemaakt op"))
    def created(self, obj: Arrangement) -> str:
        return display_for_value(obj.created_at, self.get_empty_value_display())

    @admin.display(description=_("gewijzigd op"))
    def updated(self, obj: Arrangement) -> str:
        return display_for_value(obj.updated_at, self.get_empty_value_display())

    def has_recompute_permission(self, request) -> bool:

        return can_review(request.user)

    @admin.action(description=_("Gebied herberekenen"), permissions=["recompute"])
    def recompute_footprints(self, request, queryset):
        # Imported here: the service pulls in shapely and numpy, which the rest of the admin
        # does not need, and it imports the models itself.

        ids = list(queryset.values_list("pk", flat=True))
        written = arrangement_footprints_recompute(arrangement_ids=ids)
        message = ngettext(
            "Het gebied van %(count)d samenwerkingsverband is herberekend.",
            "De gebieden van %(count)d samenwerkingsverbanden zijn herberekend.",
            written,
        )
        self.message_user(request, message % {"count": written}, messages.SUCCESS)


@admin.register(Membership)
class MembershipAdmin(
    EditThroughRegistrationMixin, DataChangeMixin, ListQuerysetMixin, admin.ModelAdmin
):
    """Members are kept as recorded in the source (e.g. 2015 "Haaren"); see
    docs/adr/0002-members-kept-as-recorded.md."""

    list_display = (
        "arrangement",
        "member",
        "role",
        "valid_from",
        "valid_to",
        "name_as_recorded",
    )
    list_filter = (
        ValidityFilter,
        "role",
        "organisation__kind",
        ("municipality__province", RelatedWithoutGeometryFilter),
    )
    list_select_related = ("arrangement", "municipality", "province", "organisation")
    search_fields = (
        "arrangement__name",
        "municipality__code",
        "municipality__name",
        "province__name",
        "organisation__name",
        "name_as_recorded",
    )
    autocomplete_fields = ("arrangement", "municipality", "province", "organisation", "source")
    form = MembershipForm

    @admin.display(description=_("lid"))
    def member(self, obj: Membership):
        return obj.municipality or obj.province or obj.organisation
