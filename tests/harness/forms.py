"""HTML forms as a browser submits them, for tests that post pages over real HTTP."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(
                {"action": a.get("action", ""), "method": a.get("method", "get"), "fields": []}
            )
        elif self.forms and a.get("name"):
            self._field(tag, a)
        elif tag == "option" and self._select is not None and "selected" in a:
            self.forms[-1]["fields"].append((self._select, a.get("value", "")))

    def _field(self, tag: str, a: dict[str, str]) -> None:
        fields = self.forms[-1]["fields"]
        if tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = a["name"]
            fields.append((self._textarea, ""))
        elif tag == "input" and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, value = self.forms[-1]["fields"][-1]
            self.forms[-1]["fields"][-1] = (name, value + data)


def form_with(html: str, field: str) -> dict:
    """The first form of ``html`` that has a field named ``field``: its action, method and
    fields as (name, value) pairs in document order (what a browser would send)."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if any(name == field for name, _ in form["fields"]):
            return form
    raise AssertionError(f"no form with a field {field!r}")


def replaced(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """``fields`` with the values of the named fields replaced."""
    return [(name, values.get(name, value)) for name, value in fields]
