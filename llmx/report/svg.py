"""Inline SVG charts, drawn here (no plotting library): a value over the years, and a
ranked bar chart. Every label is escaped; sizes are fixed so the page lays out before any
script runs. Numbers are rounded to one decimal so the output is stable text."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

_W, _H = 520, 260  # the year chart
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 52, 16, 30, 34
_MARGIN = 0.12  # of the value range, above and below it
_BAR_H, _BAR_GAP, _BAR_LABEL_W, _BAR_W = 16, 4, 260, 300
_LABEL_CHARS = 40  # a longer unit name is shortened on its bar (in full in its tooltip)


def _n(x: float) -> str:
    """A coordinate as short, stable text."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _fmt(v: float) -> str:
    return f"{v:g}"


@dataclass(frozen=True)
class YearPoint:
    year: int
    value: float


def year_chart(title: str, points: list[YearPoint], *, lower_is_better: bool = False,
               css_class: str = "chart") -> str:  # fmt: skip
    """A line over the years (one point per year, in year order). ``lower_is_better``
    (ranks): the axis runs downwards, so rank 1 is at the top."""
    pts = sorted(points, key=lambda p: p.year)
    head = (
        f'<svg class="{escape(css_class)}" xmlns="http://www.w3.org/2000/svg" width="{_W}" '
        f'height="{_H}" viewBox="0 0 {_W} {_H}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="{_PAD_L}" y="18" class="chart-title">{escape(title)}</text>'
    )
    if not pts:
        return head + f'<text x="{_PAD_L}" y="{_H // 2}">no data</text></svg>'
    years = [p.year for p in pts]
    values = [p.value for p in pts]
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    # A margin, so no point sits on an axis or under its tick label.
    lo, hi = lo - (hi - lo) * _MARGIN, hi + (hi - lo) * _MARGIN
    y0, y1 = min(years), max(years)
    plot_w = _W - _PAD_L - _PAD_R
    plot_h = _H - _PAD_T - _PAD_B

    def x_of(year: int) -> float:
        return _PAD_L + (plot_w / 2 if y0 == y1 else (year - y0) / (y1 - y0) * plot_w)

    def y_of(value: float) -> float:
        share = (value - lo) / (hi - lo)
        return _PAD_T + (share if lower_is_better else 1 - share) * plot_h

    parts = [head]
    bottom = _PAD_T + plot_h
    parts.append(
        f'<line x1="{_PAD_L}" y1="{bottom}" x2="{_W - _PAD_R}" y2="{bottom}" class="axis"/>'
        f'<line x1="{_PAD_L}" y1="{_PAD_T}" x2="{_PAD_L}" y2="{bottom}" class="axis"/>'
    )
    for v in (min(values), max(values)):
        parts.append(
            f'<text x="{_PAD_L - 6}" y="{_n(y_of(v) + 4)}" text-anchor="end" '
            f'class="tick">{escape(_fmt(v))}</text>'
        )
    for year in years:
        parts.append(
            f'<text x="{_n(x_of(year))}" y="{bottom + 18}" text-anchor="middle" '
            f'class="tick">{year}</text>'
        )
    line = " ".join(f"{_n(x_of(p.year))},{_n(y_of(p.value))}" for p in pts)
    parts.append(f'<polyline points="{line}" class="series"/>')
    for p in pts:
        x, y = _n(x_of(p.year)), _n(y_of(p.value))
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="4" class="point" data-year="{p.year}" '
            f'data-value="{escape(_fmt(p.value))}"><title>{p.year}: {escape(_fmt(p.value))}'
            f"</title></circle>"
            f'<text x="{x}" y="{_n(y_of(p.value) - 8)}" text-anchor="middle" '
            f'class="label">{escape(_fmt(p.value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # the bar's length (a score); None: a rank without a score
    rank: int | None


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def bar_chart(title: str, bars: list[Bar], *, css_class: str = "chart") -> str:
    """Horizontal bars in the order given (the caller ranks them), each labelled with its
    rank and name, its length the value (scaled to the largest)."""
    height = _PAD_T + len(bars) * (_BAR_H + _BAR_GAP) + 10
    width = _BAR_LABEL_W + _BAR_W + 70
    parts = [
        f'<svg class="{escape(css_class)}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<text x="4" y="18" class="chart-title">{escape(title)}</text>'
    ]
    top = max((b.value for b in bars if b.value is not None), default=0.0)
    for i, b in enumerate(bars):
        y = _PAD_T + i * (_BAR_H + _BAR_GAP)
        rank = f"{b.rank}. " if b.rank is not None else ""
        parts.append(
            f'<text x="{_BAR_LABEL_W - 6}" y="{y + _BAR_H - 4}" text-anchor="end" '
            f'class="tick">{escape(_short(rank + b.label))}</text>'
        )
        if b.value is None or top <= 0:
            continue
        length = max(1.0, b.value / top * _BAR_W)
        parts.append(
            f'<rect x="{_BAR_LABEL_W}" y="{y}" width="{_n(length)}" height="{_BAR_H}" '
            f'class="bar" data-label="{escape(b.label)}" data-value="{escape(_fmt(b.value))}">'
            f"<title>{escape(rank + b.label)}: {escape(_fmt(b.value))}</title></rect>"
            f'<text x="{_n(_BAR_LABEL_W + length + 4)}" y="{y + _BAR_H - 4}" '
            f'class="label">{escape(_fmt(b.value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
