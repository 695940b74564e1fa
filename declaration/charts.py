"""The chart of signatories over time, drawn on the server as SVG so that it needs no
script and passes a strict Content Security Policy: positions are SVG attributes and the
look comes from classes in static/css/app.css."""

import datetime
import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
QUARTER_NAMES = {1: "January to March", 4: "April to June", 7: "July to September", 10: "October to December"}


@dataclass(frozen=True)
class Quarter:
    start: datetime.date
    signed: int
    total: int

    @property
    def label(self) -> str:
        return f"{QUARTER_NAMES[self.start.month]} {self.start.year}"


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(start: datetime.date) -> datetime.date:
    return datetime.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)


def cumulative_by_quarter(counts: list[tuple[datetime.date, int]], *, until: datetime.date) -> list[Quarter]:
    """Every quarter from the first signature's to the one holding `until`, each with the
    signatures made in it and the running total. Quarters with none are kept, so the line
    of the chart is drawn to scale."""
    if not counts:
        return []
    made = {quarter_start(day): count for day, count in counts}
    quarters, total = [], 0
    start, last = min(made), max(quarter_start(until), max(made))
    while start <= last:
        total += made.get(start, 0)
        quarters.append(Quarter(start, made.get(start, 0), total))
        start = _next_quarter(start)
    return quarters


def _tick_step(highest: int) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most five gridlines."""
    if highest <= 5:
        return 1
    power = 10 ** math.floor(math.log10(highest / 5))
    return next(step * power for step in (1, 2, 5, 10) if highest / (step * power) <= 5)


def signatories_svg(quarters: list[Quarter]) -> SafeString:
    """A column for each quarter, as tall as the number of signatories at its end."""
    if not quarters:
        return SafeString("")
    step = _tick_step(quarters[-1].total)
    top = max(step, math.ceil(quarters[-1].total / step) * step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(quarters)

    def y(value: int) -> float:
        return round(TOP + plot_height * (1 - value / top), 1)

    gridlines = format_html_join(
        "",
        '<line class="app-chart__gridline" x1="{}" x2="{}" y1="{}" y2="{}"></line>'
        '<text class="app-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
        ((LEFT, WIDTH - RIGHT, y(value), y(value), LEFT - 8, y(value) + 5, value) for value in range(0, top + 1, step)),
    )
    columns = format_html_join(
        "",
        '<rect class="app-chart__bar" x="{}" y="{}" width="{}" height="{}"></rect>',
        (
            (round(LEFT + index * slot + slot * 0.1, 1), y(q.total), round(slot * 0.8, 1), round(y(0) - y(q.total), 1))
            for index, q in enumerate(quarters)
        ),
    )
    years = format_html_join(
        "",
        '<text class="app-chart__label" x="{}" y="{}" text-anchor="start">{}</text>',
        (
            (round(LEFT + index * slot, 1), HEIGHT - BOTTOM + 22, q.start.year)
            for index, q in enumerate(quarters)
            if index == 0 or q.start.month == 1
        ),
    )
    first, last = quarters[0], quarters[-1]
    description = (
        f"The number of organisations that have signed the declaration, at the end of each quarter from "
        f"{first.label} to {last.label}. It rose from {first.total} to {last.total}."
    )
    return format_html(
        '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="signatories-chart-title signatories-chart-desc" focusable="false">'
        '<title id="signatories-chart-title">Signatories over time</title>'
        '<desc id="signatories-chart-desc">{}</desc>{}{}{}'
        '<line class="app-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"></line></svg>',
        WIDTH,
        HEIGHT,
        description,
        gridlines,
        columns,
        years,
        LEFT,
        WIDTH - RIGHT,
        y(0),
        y(0),
    )
