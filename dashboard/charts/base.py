"""Shared figure conventions: size, fonts, titles, the empty state, date labels.

Every builder starts from ``base_layout`` so screen, PNG and print look the
same: a fixed pixel size (kaleido and the browser both honour it), a font
family that covers Vietnamese diacritics (DejaVu Sans ships with Debian's
Chromium; Arial is the usual fallback elsewhere), and titles in the chosen
language.
"""
from __future__ import annotations

import html
import math

import plotly.graph_objects as go

from dashboard import i18n

WIDTH, HEIGHT = 1100, 500
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 13
TITLE_SIZE = 17


def base_layout(fig: go.Figure, title: str, *, height: int = HEIGHT, width: int = WIDTH,
                x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Apply the common size, fonts, margins and axis titles to ``fig``."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        width=width, height=height, autosize=False,
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": "#222"},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 12}, "align": "left"},
        # No template: assigning one costs 40-60 ms per figure (validation and copies),
        # a third of the whole budget of a filter change. The few styles we want are set here.
        plot_bgcolor="white", paper_bgcolor="white",
        margin={"l": 80, "r": 30, "t": 60, "b": 60},
        legend={"font": {"size": 12}},
    )
    axis = {"gridcolor": "#ebebeb", "zeroline": False, "linecolor": "#888", "showline": False,
            "title": {"font": {"size": 14}}, "automargin": True}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def empty_figure(title: str, lang: str, *, message_key: str = "empty", height: int = HEIGHT) -> go.Figure:
    """A titled figure that says why it is empty instead of drawing blank axes."""
    fig = go.Figure()
    base_layout(fig, title, height=height)
    add_empty_note(fig, lang, message_key)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def add_empty_note(fig: go.Figure, lang: str, message_key: str = "empty") -> go.Figure:
    fig.add_annotation(text=i18n.t(message_key, lang), xref="paper", yref="paper", x=0.5, y=0.5,
                       showarrow=False, font={"size": 18, "color": "#666"}, name="empty_state")
    return fig


def year_categories(years) -> list[str]:
    """Every year from the first to the last as strings, so gaps show and order holds."""
    ys = [int(y) for y in years if y is not None and not (isinstance(y, float) and math.isnan(y))]
    return [str(y) for y in range(min(ys), max(ys) + 1)] if ys else []


def category_year_axis(fig: go.Figure, categories: list[str], **kw) -> None:
    """Years as an ordered category axis (integers would be drawn as 2,022.5 ticks)."""
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=categories, **kw)


def esc(text: object) -> str:
    """Escape text for plotly hover/labels: article text must never become markup."""
    return html.escape("" if text is None else str(text), quote=False)


def wrap(text: object, width: int = 80, max_lines: int = 6) -> str:
    """Escape and wrap a sentence into ``<br>``-separated lines for a hover box."""
    words, lines, line = esc(text).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return "<br>".join(lines)


def _dmy(iso: str, lang: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    if len(parts) == 2:
        return f"{int(parts[1])}/{parts[0]}" if lang == "vi" else f"{parts[0]}-{parts[1]}"
    return parts[0]


def date_label(date: str | None, date_end: str | None = None, precision: str = "day",
               lang: str = "vi", day_part: str | None = None) -> str:
    """A date at its true precision: "22/11/2023", "11/2023", "Quý III/2023", "2023–2025"."""
    if not date:
        return ""
    lang = i18n.norm_lang(lang)
    try:
        if precision == "quarter":
            y, m = date.split("-")[:2]
            q = (int(m) - 1) // 3 + 1
            return i18n.t("quarter", lang, q=("I", "II", "III", "IV")[q - 1] if lang == "vi" else q, y=y)
        if precision == "half":
            y, m = date.split("-")[:2]
            return i18n.t("half_1" if int(m) <= 6 else "half_2", lang, y=y)
        text = _dmy(date, lang)
        if date_end and date_end != date:
            text = f"{text}–{_dmy(date_end, lang)}"
    except (ValueError, IndexError):  # an odd value from the store is shown as is
        text = f"{date}–{date_end}" if date_end else str(date)
    if day_part and lang == "vi":
        text = f"{day_part.capitalize()} {text}"
    return text
