"""Shared admin machinery: lists without geometry, light related filters, the "geldig" filter.

Geometry is only loaded where somebody looks at it (style rule 8): the change form of the object
itself. Lists (changelists, autocomplete results, filter choices, select widgets) defer every
geometry column, of the model and of the related objects they join.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.gis.db.models import GeometryField
from django.db import models
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from collaborations.arrangements.services.footprints import arrangement_footprint_schedule
from collaborations.core.services.versioning import data_version_bump

#: Links typed without a scheme are https (Django 6's default; silences its deprecation warning).
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def geometry_fields(model: type[Model]) -> list[str]:
    """Names of the geometry columns of ``model``."""
    return [f.name for f in model._meta.concrete_fields if isinstance(f, GeometryField)]


def related_model(model: type[Model], path: str) -> type[Model]:
    """The model at the end of a ``select_related`` path such as ``"arrangement__division"``."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def without_geometry(queryset: QuerySet, related: tuple[str, ...] = ()) -> QuerySet:
    """``queryset`` joined to ``related`` and with every geometry column on the way deferred."""
    deferred = geometry_fields(queryset.model)
    for path in related:
        deferred += [
            f"{path}__{name}" for name in geometry_fields(related_model(queryset.model, path))
        ]
    if related:
        queryset = queryset.select_related(*related)
    return queryset.defer(*deferred) if deferred else queryset


class ChoicesWithoutGeometryMixin:
    """Foreign-key and many-to-many widgets (select, autocomplete, raw id) load their choices
    and selected objects without geometry. For ModelAdmins and inlines."""

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        names = geometry_fields(db_field.remote_field.model)
        if not names:
            return queryset
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db)
        return queryset.defer(*names)


class ListChangeList(ChangeList):
    """A changelist whose rows come from ``ModelAdmin.get_list_queryset``.

    Django's ChangeList starts from ``get_queryset``, which the change form shares; the list
    needs less (no geometry) and more (annotations it can sort on), so its root queryset is
    replaced before filters, ordering and search are applied."""

    def get_queryset(self, request, exclude_parameters=None):
        self.root_queryset = self.model_admin.get_list_queryset(request)
        return super().get_queryset(request, exclude_parameters)


class ListQuerysetMixin(ChoicesWithoutGeometryMixin):
    """Lists without geometry, for a ModelAdmin.

    The changelist (:class:`ListChangeList`) reads ``get_list_queryset``: the model's geometry
    deferred, ``list_select_related`` joined without their geometry, and the annotations of the
    list columns (``annotate_list``, one query for all rows). The autocomplete view reads
    ``get_search_results``, which defers the model's geometry. The change form keeps the full
    object from ``get_queryset``.

    ``list_select_related`` must name every relation shown in ``list_display``: it is a tuple,
    so Django does not join anything on its own."""

    list_select_related: tuple[str, ...] = ()

    def annotate_list(self, queryset: QuerySet) -> QuerySet:
        """Add the annotations that list columns read and sort on."""
        return queryset

    def get_list_queryset(self, request) -> QuerySet:
        queryset = without_geometry(self.get_queryset(request), tuple(self.list_select_related))
        return self.annotate_list(queryset)

    def get_changelist(self, request, **kwargs):
        return ListChangeList

    def get_search_results(self, request, queryset, search_term):
        # Also called by the autocomplete view, which shows only str(obj).
        names = geometry_fields(queryset.model)
        queryset = queryset.defer(*names) if names else queryset
        return super().get_search_results(request, queryset, search_term)


class RelatedWithoutGeometryFilter(admin.RelatedFieldListFilter):
    """``RelatedFieldListFilter`` whose choices are loaded without geometry (a province's
    boundary is megabytes; the filter only needs its name)."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        queryset = model._default_manager.defer(*geometry_fields(model))
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]


class ValidityFilter(admin.SimpleListFilter):
    """Geldig: current rows (``valid_to`` empty) or historical ones (``valid_to`` set)."""

    title = _("geldig")
    parameter_name = "geldig"
    field_name = "valid_to"

    def lookups(self, request, model_admin):
        return [("huidig", _("Huidig")), ("historisch", _("Historisch"))]

    def queryset(self, request, queryset):
        if self.value() == "huidig":
            return queryset.filter(**{f"{self.field_name}__isnull": True})
        if self.value() == "historisch":
            return queryset.filter(**{f"{self.field_name}__isnull": False})
        return queryset


class ArrangementValidityFilter(ValidityFilter):
    """Geldig for arrangements: current when no end date is recorded."""

    field_name = "end_date"


class DataChangeMixin:
    """Admin edits change published data: bump the data version (HTTP validators) and, for
    arrangements and memberships, recompute the footprint after commit."""

    def _changed(self, obj) -> None:

        data_version_bump()
        arrangement_id = getattr(obj, "arrangement_id", None)
        if obj.__class__.__name__ == "Arrangement":
            arrangement_id = obj.pk
        if arrangement_id:
            arrangement_footprint_schedule(arrangement_id=arrangement_id)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._changed(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._changed(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._changed(form.instance)


class EditThroughRegistrationMixin:
    """Arrangements and their members change only through the registration forms and API,
    which check permissions, keep the history and detect concurrent edits; the admin shows
    them read-only (its actions, such as recomputing footprints, stay available)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
