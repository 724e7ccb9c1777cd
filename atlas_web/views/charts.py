"""Horizontal bar charts drawn as inline SVG by a template (no chart library): this module
only computes the geometry. Every chart is followed by a table with the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 230
BAR_SPACE = 300
ROW_HEIGHT = 26
WIDTH = LABEL_WIDTH + BAR_SPACE + 60
MAX_LABEL = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""
    colour: str = "#154273"
    # computed
    y: int = 0
    width: float = 0.0
    short_label: str = ""
    share: float = 0.0

    @property
    def text_y(self) -> int:
        return self.y + 17

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: list[Bar]
    unit: str = ""
    label_heading: str = ""
    value_heading: str = ""

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT + 4

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def chart(
    *,
    id: str,
    title: str,
    items: list[tuple[str, int] | tuple[str, int, str] | tuple[str, int, str, str]],
    label_heading: str = "",
    value_heading: str = "",
) -> Chart:
    """A chart of ``items``: (label, value[, href[, colour]]) in the order given."""
    top = max((item[1] for item in items), default=0) or 1
    total = sum(item[1] for item in items) or 1
    bars = []
    for index, item in enumerate(items):
        label, value = item[0], item[1]
        href = item[2] if len(item) > 2 else ""
        colour = item[3] if len(item) > 3 else "#154273"
        bars.append(
            Bar(
                label=label,
                value=value,
                href=href,
                colour=colour,
                y=index * ROW_HEIGHT + 2,
                width=round(BAR_SPACE * value / top, 1),
                short_label=_short(label),
                share=round(100 * value / total, 1),
            )
        )
    return Chart(
        id=id,
        title=title,
        bars=bars,
        label_heading=label_heading,
        value_heading=value_heading,
    )
