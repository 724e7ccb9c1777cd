"""``{% modulepreload "atlas/start.js" "atlas/main.js" %}``: a ``<link rel="modulepreload">``
for every module that the entry modules import statically, found by following the relative
``import``/``export … from`` statements of our own files (issue 16).

Without it the browser discovers the module graph one level at a time, a round trip per level
(main.js, its controllers, their data and rendering modules, leaflet.js, Leaflet). With it
every module is requested while the page's HTML is still being parsed. Dynamic ``import()``
is left out on purpose: what it loads (Leaflet.VectorGrid) is loaded only when needed. The
libraries under ``vendor/`` are preloaded but not read (their imports are not ours to follow).
No build step: the graph is read from the files themselves, once per process (on every page
in DEBUG, so that an edited module shows at once); a browser test checks that the list is
exactly what the map page loads (tests/browser/test_modulepreload.py)."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()

#: A static import or re-export of a relative path (not ``import(…)``, not a comment).
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;"'()]*?["'](\.{1,2}/[^"']+)["']""", re.M)


def _source(path: str) -> str:
    """The text of the static file ``path`` (from the finders, else the collected copy)."""
    found = finders.find(path)
    if not found and staticfiles_storage.exists(path):
        found = staticfiles_storage.path(path)
    if not found:
        raise template.TemplateSyntaxError(f"modulepreload: no static file {path!r}")
    return Path(found).read_text(encoding="utf-8")


def imports_of(path: str, text: str) -> list[str]:
    """The static paths that module ``path`` imports statically, in order."""
    folder = posixpath.dirname(path)
    return [
        posixpath.normpath(posixpath.join(folder, spec)) for spec in STATIC_IMPORT.findall(text)
    ]


def _closure(entry: str, seen: list[str]) -> list[str]:
    """The modules reachable from ``entry`` that are not in ``seen``, breadth first."""
    found: list[str] = []
    todo = [entry]
    while todo:
        path = todo.pop(0)
        if path in seen or path in found:
            continue
        found.append(path)
        if not path.startswith("vendor/"):
            todo += imports_of(path, _source(path))
    return found


def module_graph(*entries: str) -> list[str]:
    """Every module reachable from ``entries`` by static imports, each once: all of the first
    entry's modules before the next entry's (the first runs first), and within an entry the
    libraries first (the biggest files), then breadth first."""
    graph: list[str] = []
    for entry in entries:
        found = _closure(entry, graph)
        graph += sorted(found, key=lambda path: not path.startswith("vendor/"))
    return graph


_cached_graph = lru_cache(maxsize=16)(module_graph)


@register.simple_tag
def modulepreload(*entries: str) -> SafeString:
    graph = module_graph(*entries) if settings.DEBUG else _cached_graph(*entries)
    return format_html_join(
        "\n  ", '<link rel="modulepreload" href="{}">', ((static(path),) for path in graph)
    )
