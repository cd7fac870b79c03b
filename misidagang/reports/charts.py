"""Small SVG charts drawn on the server: pure functions, text in, text out. No Django.

Every chart is an <svg role="img"> with a <title> and a <desc> (screen readers read them),
and every bar or point carries its own <title> with the exact figure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

Fmt = Callable[[int], str]


def _nice_max(value: int) -> int:
    """A round axis maximum at or above value: 1, 2 or 5 × a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _open(uid: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
    ]


def bar_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    names: Sequence[str],
    fmt: Fmt,
    width: int = 720,
    height: int = 280,
) -> str:
    """Vertical bars, one group per label and one bar per series (e.g. committed, realised)."""
    left, right, top, bottom = 64, 8, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((v for s in series for v in s), default=0))
    parts = _open(uid, title, desc, width, height)
    for i in range(5):
        value = top_value * i // 4
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line class="axis" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt(value))}</text>'
        )
    n = max(len(labels), 1)
    slot = plot_w / n
    bar_w = max(2.0, slot * 0.8 / max(len(series), 1))
    every = max(1, round(n / 14))  # thin out crowded labels
    for i, label in enumerate(labels):
        x0 = left + slot * i + slot * 0.1
        for j, values in enumerate(series):
            value = values[i] if i < len(values) else 0
            h = plot_h * value / top_value
            cls = "bar" if j == 0 else "bar alt"
            parts.append(
                f'<rect class="{cls}" x="{x0 + j * bar_w:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{bar_w - 1:.1f}" height="{h:.1f}"><title>{escape(label)} · '
                f"{escape(names[j])}: {escape(fmt(value))}</title></rect>"
            )
        if i % every == 0:
            parts.append(
                f'<text x="{left + slot * (i + 0.5):.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, int]],
    fmt: Fmt,
    row: int = 40,
) -> str:
    """Horizontal bars with long labels (provinces, commodities), biggest first as given.

    Drawn without a viewBox so nothing is scaled: text is in CSS pixels at any width (readable
    on a phone) and bars are sized in percent. Each item is a label line (name left, figure
    right) over its bar."""
    height = row * max(len(items), 1) + 4
    top_value = max((v for _, v in items), default=0) or 1
    parts = [
        f'<svg class="chart hbar" xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
    ]
    for i, (label, value) in enumerate(items):
        y = i * row
        share = 100 * value / top_value
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(f'<text x="0" y="{y + 15}">{escape(short)}</text>')
        parts.append(
            f'<text class="figure" x="100%" y="{y + 15}" text-anchor="end">'
            f"{escape(fmt(value))}</text>"
        )
        parts.append(
            f'<rect class="track" x="0" y="{y + 21}" width="100%" height="12" rx="3"/>'
            f'<rect class="bar" x="0" y="{y + 21}" width="{share:.1f}%" height="12" rx="3">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    points: Sequence[tuple[str, int]],
    fmt: Fmt,
    width: int = 720,
    height: int = 260,
) -> str:
    """A rising line, e.g. the cumulative value since the first mission."""
    left, right, top, bottom = 64, 12, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((v for _, v in points), default=0))
    parts = _open(uid, title, desc, width, height)
    for i in range(5):
        value = top_value * i // 4
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line class="axis" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt(value))}</text>'
        )
    n = len(points)
    step = plot_w / max(n - 1, 1)
    coords = [
        (left + step * i if n > 1 else left + plot_w / 2, top + plot_h - plot_h * v / top_value)
        for i, (_, v) in enumerate(points)
    ]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline class="line" points="{path}"/>')
    every = max(1, round(n / 14))
    for i, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        parts.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5"><title>'
            f"{escape(label)}: {escape(fmt(value))}</title></circle>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
