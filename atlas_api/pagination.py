"""Page-number pagination with links (self, first, prev, next, last) and totals."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.http import urlencode
from rest_framework.request import Request

from .params import InvalidParams

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass
class Page:
    number: int
    size: int
    total: int
    links: dict[str, str | None]

    def collection_fields(self) -> dict:
        """The paging fields of a :class:`atlas_api.collection.Collection`."""
        return {
            "total": self.total,
            "links": self.links,
            "page": self.number,
            "page_size": self.size,
        }

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def _int_param(request: Request, name: str, default: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidParams([{"name": name, "reason": "verwacht een geheel getal"}]) from None
    if not 1 <= value <= maximum:
        raise InvalidParams([{"name": name, "reason": f"verwacht 1 t/m {maximum}"}])
    return value


def page_of(
    request: Request, queryset: QuerySet, *, default_size: int = DEFAULT_PAGE_SIZE
) -> tuple[Page, QuerySet]:
    """Count ``queryset`` and slice the requested page of it."""
    number = _int_param(request, "pagina", 1, 10**6)
    size = _int_param(request, "paginaGrootte", default_size, MAX_PAGE_SIZE)
    total = queryset.count()
    last = max(1, math.ceil(total / size))
    links = {
        "self": _url(request, number),
        "first": _url(request, 1),
        "prev": _url(request, number - 1) if number > 1 else None,
        "next": _url(request, number + 1) if number < last else None,
        "last": _url(request, last),
    }
    page = Page(number=number, size=size, total=total, links=links)
    return page, queryset[page.offset : page.offset + size]


def _url(request: Request, number: int) -> str:
    query = request.query_params.copy()
    query["pagina"] = str(number)
    return (
        request.build_absolute_uri(request.path)
        + "?"
        + urlencode(sorted(query.lists()), doseq=True)
    )


def page_headers(page: Page) -> dict[str, str]:
    links = ", ".join(f'<{href}>; rel="{rel}"' for rel, href in page.links.items() if href)
    return {
        "X-Total-Count": str(page.total),
        "X-Pagination-Page": str(page.number),
        "X-Pagination-Limit": str(page.size),
        "Link": links,
    }
