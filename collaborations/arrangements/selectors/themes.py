"""Themes with the number of arrangements that carry them."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from collaborations.arrangements.models import Theme
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter


def theme_list() -> QuerySet[Theme]:
    """All themes, by domain and name."""
    return Theme.objects.order_by("domain", "name")


def theme_counts(*, filters: ArrangementFilter | None = None) -> dict[int, int]:
    """{theme id: number of arrangements passing ``filters`` that carry it}. One query, grouped
    on the arrangement query itself rather than through ``arrangement_id__in=...``: the member
    filter (``gemeente``) uses a nested OuterRef that resolves correctly only when the
    arrangement query is the outermost one."""
    rows = (
        arrangements_filter(filters=filters)
        .order_by()
        .values("themes")
        .annotate(n=Count("pk", distinct=True))
        .values_list("themes", "n")
    )
    return {theme_id: n for theme_id, n in rows if theme_id is not None}


def theme_rows() -> list[tuple[str, str, str, str]]:
    """(slug, name, English name, domain) of every theme, by domain and name."""
    return list(theme_list().values_list("slug", "name", "name_en", "domain"))


def theme_slug_map() -> dict[int, str]:
    """{theme id: slug}."""
    return dict(Theme.objects.values_list("pk", "slug"))
