"""Page-number pagination with links (self, first, prev, next, last) and totals. The page
parameters (``pagina``, ``paginaGrootte``) are declared in :mod:`atlas_api.params`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.http import urlencode
from rest_framework.request import Request

from collaborations.core.selectors import queryset_count


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


def page_at(request: Request, *, number: int, size: int, total: int) -> Page:
    """Page ``number`` of ``size`` items out of ``total``, with its links."""
    last = max(1, math.ceil(total / size))
    links = {
        "self": _url(request, number),
        "first": _url(request, 1),
        "prev": _url(request, number - 1) if number > 1 else None,
        "next": _url(request, number + 1) if number < last else None,
        "last": _url(request, last),
    }
    return Page(number=number, size=size, total=total, links=links)


def page_of(
    request: Request,
    queryset: QuerySet,
    params: Mapping[str, Any],
    *,
    version: str | None = None,
) -> tuple[Page, QuerySet]:
    """Count ``queryset`` and slice the page that the parsed ``params`` ask for. With the
    data ``version`` of the read (its ETag's), the count is kept per version and query."""
    total = queryset_count(queryset=queryset, version=version)
    page = page_at(request, number=params["page"], size=params["page_size"], total=total)
    return page, queryset[page.offset : page.offset + page.size]


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
