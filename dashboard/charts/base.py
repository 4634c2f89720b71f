"""Shared figure conventions: size, fonts, titles, the empty state, date labels.

Every builder starts from ``layout`` (a dict handed to ``figure``) so screen, PNG and print look the
same: a fixed pixel size (kaleido and the browser both honour it), a font
family that covers Vietnamese diacritics (DejaVu Sans ships with Debian's
Chromium; Arial is the usual fallback elsewhere), and titles in the chosen
language.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n

WIDTH, HEIGHT = 1100, 500
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 13
TITLE_SIZE = 17


def figure(traces: list[dict] | None = None, layout: dict | None = None) -> go.Figure:
    """A figure from plain trace and layout dicts, without plotly's per-property validation.

    Validation costs 40-90 ms per figure (every value is checked and copied, a
    100k-element array element by element), which was most of a filter change;
    our builders emit known-good properties, so the object model is kept (tests
    and the report read ``fig.data[i].marker``...) but the checks are skipped.
    Later ``update_layout`` calls on the figure are unvalidated too.
    """
    return go.Figure({"data": traces or [], "layout": layout or {}}, _validate=False)


def trace(kind: str, **props) -> dict:
    """A trace as a dict for ``figure``; None values are left out, as plotly's constructors do."""
    return {"type": kind, **{k: v for k, v in props.items() if v is not None}}


def texts(values) -> np.ndarray:
    """Hover or label texts as a fixed-width unicode array.

    plotly deep-copies a figure's data when it is built and again in
    ``to_json``/``to_plotly_json``: a list or object array is copied string by
    string (~40k calls for a 100k-event timeline), a unicode array in one go.
    """
    if isinstance(values, pd.Series):
        values = values.fillna("").to_numpy()
    return np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=str)


def layout(title: str, *, height: int = HEIGHT, width: int = WIDTH,
           x_title: str | None = None, y_title: str | None = None) -> dict:
    """The common size, fonts, margins and axis titles as a layout dict (for ``figure``).

    A dict given to the figure at construction costs nothing; the same settings
    applied with update_layout/update_xaxes took ~10 ms per figure.
    """
    def axis(text: str | None) -> dict:
        return {"gridcolor": "#ebebeb", "zeroline": False, "linecolor": "#888", "showline": False,
                "title": {"font": {"size": 14}, **({"text": text} if text is not None else {})},
                "automargin": True}

    return {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        "width": width, "height": height, "autosize": False,
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": "#222"},
        # Dark text on white for every trace: on a trace-coloured box (plotly's default) the source
        # sentence in a pale lane colour was hard to read.
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 12, "color": "#1f2933"}, "align": "left",
                       "bgcolor": "white", "bordercolor": "#52606d"},
        # No template: assigning one costs 40-60 ms per figure (validation and copies),
        # a third of the whole budget of a filter change. The few styles we want are set here.
        "plot_bgcolor": "white", "paper_bgcolor": "white",
        "margin": {"l": 80, "r": 30, "t": 60, "b": 60},
        "legend": {"font": {"size": 12}},
        "xaxis": axis(x_title), "yaxis": axis(y_title),
    }


def base_layout(fig: go.Figure, title: str, *, height: int = HEIGHT, width: int = WIDTH,
                x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Apply ``layout(...)`` to an existing figure (builders pass it to ``figure`` instead)."""
    fig.update_layout(layout(title, height=height, width=width, x_title=x_title, y_title=y_title))
    return fig


def empty_note(lang: str, message_key: str = "empty") -> dict:
    """The annotation saying why a figure is empty, as a dict."""
    return {"text": i18n.t(message_key, lang), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
            "showarrow": False, "font": {"size": 18, "color": "#666"}, "name": "empty_state"}


def empty_figure(title: str, lang: str, *, message_key: str = "empty", height: int = HEIGHT) -> go.Figure:
    """A titled figure that says why it is empty instead of drawing blank axes."""
    lay = layout(title, height=height)
    lay["xaxis"]["visible"] = lay["yaxis"]["visible"] = False
    lay["annotations"] = [empty_note(lang, message_key)]
    return figure([], lay)


def year_categories(years) -> list[str]:
    """Every year from the first to the last as strings, so gaps show and order holds."""
    ys = [int(y) for y in years if y is not None and not (isinstance(y, float) and math.isnan(y))]
    return [str(y) for y in range(min(ys), max(ys) + 1)] if ys else []


def esc(text: object) -> str:
    """Escape text for plotly hover/labels: article text must never become markup
    (``html.escape(quote=False)``, inlined: it runs a few times per event)."""
    text = "" if text is None else str(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short(label: str, width: int) -> str:
    """``label`` cut to ``width`` characters, the last an ellipsis when cut."""
    return label if len(label) <= width else label[: width - 1] + "…"


def wrap(text: object, width: int = 80, max_lines: int = 6) -> str:
    """Escape and wrap a sentence into ``<br>``-separated lines for a hover box.

    Greedy word wrap: each line holds as many words as fit in ``width``
    characters (a longer word gets a line of its own); runs of whitespace
    count as one space; past ``max_lines`` the text is cut and ends with "…".
    Lines are cut at the last space within reach (``str.rfind``) rather than by
    a loop over the words: a detailed timeline wraps one sentence per event.
    """
    line = esc(text)
    if "  " in line or line[:1] == " " or line[-1:] == " " or _OTHER_SPACE.search(line):
        line = " ".join(line.split())  # rare in stored text (it is normalised), and splitting costs
    lines, start, end = [], 0, len(line)
    while end - start > width and len(lines) <= max_lines:  # one line past max_lines says "cut"
        cut = line.rfind(" ", start, start + width + 1)
        if cut <= start:  # the next word alone is longer than a line: it gets a line of its own
            cut = line.find(" ", start + width + 1)
            cut = end if cut < 0 else cut
        lines.append(line[start:cut])
        start = cut + 1
    if start < end and len(lines) <= max_lines:
        lines.append(line[start:])
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return "<br>".join(lines)


#: Every whitespace character ``str.split()`` splits on but the plain space (all below U+3001).
_OTHER_SPACE = re.compile("[" + re.escape("".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != " ")) + "]")


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
