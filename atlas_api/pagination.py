"""Page-number pagination with links (self, first, prev, next, last) and totals. The page
parameters (``pagina``, ``paginaGrootte``) are declared in :mod:`atlas_api.params`."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.http import urlencode
from rest_framework.request import Request

from collaborations.core.compiled import compiled_count, compiled_query, compiled_rows
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


def compiled_page(
    request: Request,
    *,
    key: Hashable,
    build: Callable[[int, int], tuple[QuerySet, QuerySet]],
    params: Mapping[str, Any],
    version: str | None = None,
) -> tuple[Page, list[dict[str, Any]]]:
    """:func:`page_of` for a list whose SQL depends only on ``key`` (everything the view
    builds its queryset from): ``build(offset, size)`` returns the page's ``.values()``
    queryset and the unsliced queryset; both are compiled once per process and key
    (collaborations.core.compiled) and executed on every request. The page's rows as dicts."""
    number, size = params["page"], params["page_size"]
    offset = (number - 1) * size
    query = compiled_query(key=(key, offset, size), build=lambda: build(offset, size))
    total = compiled_count(query, version=version)
    page = page_at(request, number=number, size=size, total=total)
    return page, compiled_rows(query)


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
