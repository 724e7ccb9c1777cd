"""Admin for provinces, municipalities, boundary versions and reorganisations (herindelingen),
with the map of the current municipalities."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from atlas_web.admin.base import (
    ListQuerysetMixin,
    RelatedWithoutGeometryFilter,
    ValidityFilter,
    without_geometry,
)
from atlas_web.admin.maps import municipalities_collection
from collaborations.geography.models import (
    Municipality,
    MunicipalityBoundary,
    MunicipalityLineage,
    Province,
    Reorganisation,
)


@admin.register(Province)
class ProvinceAdmin(ListQuerysetMixin, LeafletGeoAdmin):
    list_display = ("code", "name", "current_municipalities")
    search_fields = ("code", "name")
    ordering = ("code",)

    def annotate_list(self, queryset):
        current = Q(municipalities__valid_to__isnull=True)
        return queryset.annotate(current_municipalities=Count("municipalities", filter=current))

    @admin.display(description=_("huidige gemeenten"), ordering="current_municipalities")
    def current_municipalities(self, obj: Province) -> int:
        return obj.current_municipalities


@admin.register(Municipality)
class MunicipalityAdmin(ListQuerysetMixin, LeafletGeoAdmin):
    list_display = ("code", "name", "province", "valid_from", "valid_to")
    list_filter = (ValidityFilter, ("province", RelatedWithoutGeometryFilter))
    list_select_related = ("province",)
    search_fields = ("code", "name")
    autocomplete_fields = ("province",)
    map_template_name = "admin/collaborations/municipality/map.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.map_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_map"
        # Before the default URLs: "<path:object_id>/" would swallow "kaart/".
        return [path("kaart/", view, name=name), *super().get_urls()]

    def map_view(self, request):
        """Kaart van de gemeenten: every current municipality as one GeoJSON layer built in the
        database, optionally for one province (``?provincie=PV27``), with a table of the same
        municipalities for keyboard and screen-reader users."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        provinces = list(Province.objects.order_by("code").values_list("code", "name"))
        code = request.GET.get("provincie", "")
        queryset = Municipality.objects.filter(valid_to__isnull=True)
        if code:
            queryset = queryset.filter(province__code=code)
        collection = municipalities_collection(queryset)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Kaart van de gemeenten"),
            "collection": collection,
            "count": len(collection["features"]),
            "provinces": provinces,
            "selected_province": code,
            "province_name": dict(provinces).get(code, ""),
            "map_settings": {"NO_GLOBALS": True},
        }
        return TemplateResponse(request, self.map_template_name, context)


@admin.register(MunicipalityBoundary)
class MunicipalityBoundaryAdmin(ListQuerysetMixin, LeafletGeoAdmin):
    list_display = ("municipality", "year", "valid_from", "valid_to", "source")
    list_filter = (
        ValidityFilter,
        "year",
        ("municipality__province", RelatedWithoutGeometryFilter),
    )
    list_select_related = ("municipality",)
    search_fields = ("municipality__code", "municipality__name")
    autocomplete_fields = ("municipality",)


@admin.register(Reorganisation)
class ReorganisationAdmin(ListQuerysetMixin, admin.ModelAdmin):
    list_display = (
        "date",
        "kind",
        "predecessor",
        "successor",
        "is_main_successor",
        "area_share",
    )
    list_filter = ("kind", "is_main_successor", "date")
    list_select_related = ("predecessor", "successor")
    search_fields = (
        "predecessor__code",
        "predecessor__name",
        "successor__code",
        "successor__name",
    )
    autocomplete_fields = ("predecessor", "successor")
    date_hierarchy = "date"


@admin.register(MunicipalityLineage)
class MunicipalityLineageAdmin(ListQuerysetMixin, admin.ModelAdmin):
    """Read-only: the closure is rebuilt from the reorganisations by
    ``services.lineage_rebuild``, never edited by hand."""

    list_display = ("ancestor", "descendant", "since", "share", "is_main")
    list_filter = ("is_main",)
    list_select_related = ("ancestor", "descendant")
    search_fields = ("ancestor__code", "ancestor__name", "descendant__code", "descendant__name")
    ordering = ("ancestor__name", "since")

    def get_queryset(self, request):
        # No page of this admin shows a boundary: the view page needs only the names.
        return without_geometry(super().get_queryset(request), ("ancestor", "descendant"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
