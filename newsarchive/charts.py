"""Small static bar charts for the site, with their text alternatives.

Built at build time, so pages need no JavaScript and no chart library. Each chart is an
`<svg role="img">` (a group, where its bars are links) with a title and a one-sentence
description, each bar has its own `<title>` (the label and count), and `table` gives the
same numbers as an HTML table. A
linked bar's target is its whole column, not only the bar (a month of one article is a bar a
pixel or two high); a `tappable` chart keeps each column MIN_TARGET pixels wide, scrolling
sideways in its figure on a screen too narrow for them all. A list of linked names with a
bar each (`bar_list`) is HTML: a list, its links and counts text.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from html import escape

from pelican.utils import get_relative_path, path_to_url

#: Drawing size in SVG units; the bars scale to the width of their container.
WIDTH, HEIGHT, AXIS = 640, 120, 18
#: The least distance, in CSS pixels, between two axis labels' centres (a year in the
#: theme's 11-pixel type is about 26 pixels wide).
LABEL_GAP = 30
#: The width, in CSS pixels, below which a chart's full set of axis labels would crowd: the
#: labels written for wider charts only are marked "w", which the theme hides there.
CROWDED = 600
#: The narrowest a chart is shown: the page's column on a 320-pixel phone.
NARROWEST = 286
#: The least width, in CSS pixels, of a bar's target in a `tappable` chart: WCAG 2.2's
#: minimum target size (2.5.8), which a finger needs.
MIN_TARGET = 24
#: The drawing width of a chart meant for a phone: about its width in CSS pixels, less the
#: page's margins (a 640-unit drawing there squeezed its text to half its width).
PHONE_WIDTH = 360


def _chart_id(title: str) -> str:
    """An id from the chart's title (unique on its page): the same whichever pages a build
    renders, in whatever order or process (plugins/incremental_output)."""
    return "chart-" + hashlib.blake2b(title.encode(), digest_size=4).hexdigest()


def _most(bars: list[tuple[str, int]]) -> str:
    """The text alternative's word on the tallest bars: every one of them when a few tie
    (naming one would tell a screen reader a false "the most"), how many when many do."""
    peak = max(value for _, value in bars)
    tops = [label for label, value in bars if value == peak]
    if len(tops) == len(bars):
        return f"{peak} in each"
    if len(tops) == 1:
        return f"the most, {peak}, in {tops[0]}"
    if len(tops) <= 4:
        return f"the most, {peak}, in each of {', '.join(tops[:-1])} and {tops[-1]}"
    return f"the most, {peak}, in {len(tops)} of the {len(bars)}, from {tops[0]} to {tops[-1]}"


def bar_chart(
    bars: list[tuple[str, int]],
    title: str,
    unit: str = "article",
    links: list[str | None] | None = None,
    axis: list[str | None] | None = None,
    width: int = WIDTH,
    tappable: bool = False,
    kind: str = "",
    uncharted: int = 0,
) -> str:
    """An SVG bar chart of (label, value) bars; `axis` gives the text under each bar (default:
    its label), None for none. `width`: of the drawing, in units (a chart meant for a phone is
    drawn for one, so its text is not squeezed); `tappable`: never narrower than MIN_TARGET
    pixels a bar; `kind`: a class for the theme to tell charts apart; `uncharted`: how many
    more there are that no bar can show (undated articles), said in its description, which
    would otherwise count fewer than the page."""
    if not bars:
        return ""
    ident = _chart_id(title)
    peak = max(value for _, value in bars) or 1
    step = width / len(bars)
    total = sum(value for _, value in bars)
    description = f"{total} {unit}{'s' if total != 1 else ''} from {bars[0][0]} to {bars[-1][0]}"
    description += f"; {_most(bars)}" if total else ""
    if uncharted:
        description += f"; and {uncharted} {unit}{'s' if uncharted != 1 else ''} of unknown date, not charted"  # fmt: skip
    description += "."
    classes = f"chart {kind}" if kind else "chart"
    edges = [round(i * step) for i in range(len(bars) + 1)]  # (the columns, in whole units)
    narrowest = min(b - a for a, b in itertools.pairwise(edges)) or 1
    least = f' style="min-width:{math.ceil(MIN_TARGET * width / narrowest)}px"' if tappable else ""
    # a chart with links is a group, whose links a screen reader reaches (an image's
    # children are hidden from it); one without is an image, named and described at once
    linked = any(link and value for link, (_, value) in zip(links or [], bars, strict=False))
    role = (
        f'role="group" aria-labelledby="{ident}-t" aria-describedby="{ident}-d"'
        if linked
        else f'role="img" aria-labelledby="{ident}-t {ident}-d"'
    )
    # The bars are drawn in their own <svg>, stretched to the chart's box; the axis text is
    # the outer one's, in CSS pixels, so it is never stretched with them (a phone squeezed
    # a 640-unit drawing's text to half its width).
    parts = [
        f'<svg class="{classes}" {role}{least}>',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        f'<svg width="100%" height="{100 * HEIGHT / (HEIGHT + AXIS):.0f}%" '
        f'viewBox="0 0 {width} {HEIGHT}" preserveAspectRatio="none">',
    ]
    # Lean markup (there is a chart on every entity page): whole SVG units, styles and the
    # axis labels' anchoring set once (theme CSS, the <g>), not on every bar.
    least_pixels = MIN_TARGET * width / narrowest if tappable else 0  # (a tappable chart scrolls)
    labels = _axis(axis or [b[0] for b in bars], max(NARROWEST, least_pixels))
    for i, (label, value) in enumerate(bars):
        height = HEIGHT * value / peak
        x, y = i * step, HEIGHT - height
        bar = (
            f'<rect x="{x + step * 0.1:.0f}" y="{y:.0f}" width="{max(step * 0.8, 1):.0f}" '
            f'height="{max(height, 1 if value else 0):.0f}"'
        )
        tip = f"<title>{escape(label)}: {value}</title>"
        link = links[i] if links else None
        if link and value:  # (the title names the link; the column under the bar is its target)
            column = f'<rect class="hit" x="{edges[i]}" y="0" width="{edges[i + 1] - edges[i]}" height="{HEIGHT}"/>'  # fmt: skip
            parts.append(f'<a href="{escape(link)}">{tip}{column}{bar}/></a>')
        else:
            parts.append(f"{bar}>{tip}</rect>")
    parts.append("</svg>")
    if labels:
        # (the labels' strip under the bars, each hung from its top: no y on every label)
        parts.append(
            f'<svg y="{100 * HEIGHT / (HEIGHT + AXIS) + 2:.0f}%"><g class="axis" '
            f'text-anchor="middle" dominant-baseline="hanging">{labels}</g></svg>'
        )
    parts.append("</svg>")
    return "".join(parts)


#: The mark of an axis label written for wider charts only (the theme's CSS hides it).
_WIDE_ONLY = ' class="w"'


def _axis(texts: list[str | None], narrowest: float) -> str:
    """The axis labels, each under its bar's centre as a share of the chart's width: those
    that do not crowd at CROWDED pixels wide, and of them, those that fit at `narrowest`
    pixels too; the others are marked "w" (shown on wider charts only)."""
    centres = {i: (i + 0.5) / len(texts) for i, text in enumerate(texts) if text}
    wide = _spaced(centres, CROWDED, move_in=True)
    narrow = _spaced(wide, narrowest, move_in=False)
    return "".join(
        f'<text x="{round(100 * at, 1):g}%"{"" if i in narrow else _WIDE_ONLY}>'
        f"{escape(texts[i] or '')}</text>"
        for i, at in sorted(wide.items())
    )


def _spaced(centres: dict[int, float], pixels: float, move_in: bool) -> dict[int, float]:
    """Of the labels at `centres` (shares of a chart `pixels` wide), those written: none
    nearer than LABEL_GAP to the next one written (the later wins: a month chart starting in
    December would print its first year over the next), and none cut off at an edge: moved
    in (`move_in`), or left out."""
    shown: dict[int, float] = {}
    following, half = float("inf"), LABEL_GAP / 2
    for i in sorted(centres, reverse=True):
        at = centres[i] * pixels
        if move_in:
            at = min(max(at, half), pixels - half)
        elif not half <= at <= pixels - half:
            continue
        if following - at >= LABEL_GAP:
            shown[i] = at / pixels
            following = at
    return shown


def table(bars: list[tuple[str, int]], caption: str, header: tuple[str, str]) -> str:
    """The chart's numbers as a table (inside a <details>, so it stays out of the way)."""
    rows = "".join(f"<tr><td>{escape(label)}</td><td>{value}</td></tr>" for label, value in bars)
    return (
        f'<details class="chart-table"><summary>{escape(caption)} as a table</summary>'
        f"<table><thead><tr><th>{escape(header[0])}</th><th>{escape(header[1])}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )


def per_year_of(years: list[int], first: int | None = None, last: int | None = None) -> list[tuple[str, int]]:  # fmt: skip
    """Counts of the dates' years over a span (empty years included, so gaps show)."""
    if not years:
        return []
    first, last = first or min(years), last or max(years)
    counts = {year: 0 for year in range(first, last + 1)}
    for year in years:
        if year in counts:
            counts[year] += 1
    return [(str(year), n) for year, n in counts.items()]


#: The longest bar of a bar list, as a share of its row's room for bar and count.
BAR_LIST_PEAK = 85


def bar_list(rows: list[tuple[str, int, str | None]], label: str) -> str:
    """Horizontal bars as an HTML list: (label, value, link or None) rows, each its label (a
    link where there is one), its bar (an empty <i> sized by a style attribute, a share of
    the longest) and its value written in. A list, not an SVG image, so screen readers reach
    its links (an <svg role="img"> hides them), and a row is ~100 bytes, not ~150."""
    if not rows:
        return ""
    peak = max(value for _, value, _ in rows) or 1
    items = []
    for name, value, link in rows:
        head = (
            f'<a href="{escape(link)}">{escape(name)}</a>'
            if link
            else f"<span>{escape(name)}</span>"
        )
        width = max(round(BAR_LIST_PEAK * value / peak), 1)
        # (</li> left out, as HTML allows before the next item)
        items.append(f'<li>{head}<span><i style="width:{width}%"></i>{value}</span>')
    return f'<ol class="bars" aria-label="{escape(label)}">\n' + "\n".join(items) + "\n</ol>"


def site_root_prefix(settings: dict, save_as: str) -> str:
    """How a link in a chart on the page at save_as reaches the site root (Pelican's SITEURL,
    which Pelican only works out for templates)."""
    if settings["RELATIVE_URLS"]:
        return path_to_url(get_relative_path(save_as)) + "/"
    return settings["SITEURL"] + "/"
