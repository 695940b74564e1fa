"""Charts of the fund's awards, drawn on the server as SVG so that they need no script and
pass a strict Content Security Policy: positions are SVG attributes and the look comes from
classes in static/css/app.css. Each chart has a table with the same numbers beside it."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from projects.catalogue import AwardTotal

WIDTH = 640
LEFT, RIGHT, TOP = 8, 8, 8
# Each bar has its label on a line above it, so long round and region names never collide.
ROW_HEIGHT, LABEL_BASELINE, BAR_TOP, BAR_HEIGHT = 52, 16, 24, 20
# Room to the right of the longest bar for its value.
VALUE_SPACE = 210


def pounds(amount: int) -> str:
    return f"£{amount:,}"


def value_text(total: AwardTotal) -> str:
    return f"{pounds(total.amount)} ({total.count} award{'' if total.count == 1 else 's'})"


def awards_svg(totals: list[AwardTotal], *, chart_id: str, title: str, subject: str) -> SafeString:
    """A horizontal bar for each total, as long as the money awarded, labelled with its name
    above and its value and number of awards beside it. `subject` names what the bars are
    ("phase"), for the description screen readers announce."""
    if not totals:
        return SafeString("")
    highest = max(total.amount for total in totals) or 1
    longest = WIDTH - LEFT - RIGHT - VALUE_SPACE
    height = TOP + ROW_HEIGHT * len(totals)

    def width(total: AwardTotal) -> float:
        # A sliver for a zero, so every row visibly has a bar.
        return max(round(longest * total.amount / highest, 1), 1)

    rows = format_html_join(
        "",
        '<text class="app-chart__label" x="{}" y="{}">{}</text>'
        '<rect class="app-chart__bar" x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text class="app-chart__label" x="{}" y="{}">{}</text>',
        (
            (
                LEFT,
                TOP + index * ROW_HEIGHT + LABEL_BASELINE,
                total.label,
                LEFT,
                TOP + index * ROW_HEIGHT + BAR_TOP,
                width(total),
                BAR_HEIGHT,
                LEFT + width(total) + 8,
                TOP + index * ROW_HEIGHT + BAR_TOP + 15,
                value_text(total),
            )
            for index, total in enumerate(totals)
        ),
    )
    description = f"Money awarded by {subject}: " + "; ".join(f"{total.label}, {value_text(total)}" for total in totals)
    return format_html(
        '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}.</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        rows,
    )
