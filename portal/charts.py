"""Bar charts drawn on the server as inline SVG (DESIGN.md principle 7: no JavaScript, no CDN).

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that say what it shows; the
page puts a data table with the same rows beside it. Colours and fonts come from classes
styled in static/css/portal.css (the CSP allows no inline styles), with presentation
attributes in the same colours as a fallback for a page read without the stylesheet.
Coordinates are written in the C locale, whatever the page's language; only the figures
people read are localised.
"""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

# The stylesheet's --red, --line and --ink.
BAR_FILL = "#b0001e"
GRID_STROKE = "#d5d9de"
TEXT_FILL = "#1b1f24"
# Beyond this many rows the description gives the total and points to the table.
DESCRIBED_ROWS = 12


@dataclass(frozen=True)
class Row:
    label: str
    value: int
    # A label too long for the drawing is shortened there; the table shows it in full.
    short_label: str = ""


@dataclass
class Chart:
    id: str
    title: str
    rows: list[Row]
    label_heading: str
    value_heading: str
    note: str = ""
    svg: SafeString = field(default=SafeString(""))

    @property
    def total(self):
        return sum(row.value for row in self.rows)

    @property
    def max_value(self):
        return max((row.value for row in self.rows), default=0)


def _n(value: float) -> str:
    """A coordinate: at most one decimal, a point as separator, in every language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _figure(value) -> str:
    return number_format(value, force_grouping=True)


def nice_step(maximum: int, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) that divides 0..maximum into ≤ `ticks`."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for multiple in (1, 2, 5, 10):
        step = multiple * power
        if step >= raw:
            return max(int(step), 1)
    return int(10 * power)


def _description(chart: Chart) -> str:
    if len(chart.rows) <= DESCRIBED_ROWS:
        return "; ".join(f"{row.label}: {_figure(row.value)}" for row in chart.rows)
    shown = "; ".join(f"{row.label}: {_figure(row.value)}" for row in chart.rows[:DESCRIBED_ROWS])
    return f"{shown}; …"


def _open_svg(chart: Chart, width: int, height: int) -> SafeString:
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        id=chart.id,
        w=width,
        h=height,
        title=chart.title,
        desc=_description(chart),
    )


def draw_columns(chart: Chart, width: int = 360, height: int = 220) -> Chart:
    """Vertical columns, one per row in order (e.g. years), with a value axis on the left."""
    if not chart.rows:
        return chart
    left, right, top, bottom = 36, 8, 20, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    step = nice_step(chart.max_value)
    axis_max = max(step * math.ceil(chart.max_value / step), step)
    slot = plot_w / len(chart.rows)
    bar_w = max(min(slot * 0.7, 48), 1)
    every = max(1, math.ceil(len(chart.rows) / 8))  # at most about eight labels under the axis
    show_values = len(chart.rows) <= 12

    def y_of(value):
        return top + plot_h - plot_h * value / axis_max

    grid = format_html_join(
        "",
        '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="' + GRID_STROKE + '"/>'
        '<text class="chart-tick" x="{}" y="{}" text-anchor="end" fill="' + TEXT_FILL + '">{}</text>',
        (
            (_n(left), _n(width - right), _n(y_of(v)), _n(y_of(v)), _n(left - 6), _n(y_of(v) + 4), _figure(v))
            for v in range(0, axis_max + 1, step)
        ),
    )
    bars = []
    for index, row in enumerate(chart.rows):
        x = left + slot * index + (slot - bar_w) / 2
        y = y_of(row.value)
        centre = x + bar_w / 2
        bars.append(
            format_html(
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="' + BAR_FILL + '">'
                "<title>{}: {}</title></rect>",
                _n(x),
                _n(y),
                _n(bar_w),
                _n(top + plot_h - y),
                row.label,
                _figure(row.value),
            )
        )
        if show_values and row.value:
            bars.append(
                format_html(
                    '<text class="chart-value" x="{}" y="{}" text-anchor="middle" fill="'
                    + TEXT_FILL
                    + '">{}</text>',
                    _n(centre),
                    _n(y - 5),
                    _figure(row.value),
                )
            )
        if index % every == 0:
            bars.append(
                format_html(
                    '<text class="chart-label" x="{}" y="{}" text-anchor="middle" fill="'
                    + TEXT_FILL
                    + '">{}</text>',
                    _n(centre),
                    _n(height - 8),
                    row.short_label or row.label,
                )
            )
    chart.svg = format_html("{}{}{}</svg>", _open_svg(chart, width, height), grid, SafeString("".join(bars)))
    return chart


def draw_bars(chart: Chart, width: int = 360) -> Chart:
    """Horizontal bars, largest first as given: the label above each bar, the value after it.

    Labels sit above their bars rather than beside them, so that long names in any language
    keep the full width on a phone.
    """
    if not chart.rows:
        return chart
    row_h, label_h, bar_h, value_w = 48, 20, 18, 52
    height = row_h * len(chart.rows)
    scale = (width - value_w) / max(chart.max_value, 1)
    parts = []
    for index, row in enumerate(chart.rows):
        top = row_h * index
        bar_len = max(row.value * scale, 2 if row.value else 0)
        label = Truncator(row.label).chars(42)
        parts.append(
            format_html(
                '<text class="chart-label" x="0" y="{}" fill="' + TEXT_FILL + '">{}</text>'
                '<rect class="chart-bar" x="0" y="{}" width="{}" height="{}" fill="' + BAR_FILL + '">'
                "<title>{}: {}</title></rect>"
                '<text class="chart-value" x="{}" y="{}" fill="' + TEXT_FILL + '">{}</text>',
                _n(top + label_h - 4),
                label,
                _n(top + label_h),
                _n(bar_len),
                bar_h,
                row.label,
                _figure(row.value),
                _n(bar_len + 6),
                _n(top + label_h + bar_h - 3),
                _figure(row.value),
            )
        )
    chart.svg = format_html("{}{}</svg>", _open_svg(chart, width, height), SafeString("".join(parts)))
    return chart
