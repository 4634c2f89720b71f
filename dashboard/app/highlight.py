"""Article text with dates, documents, organisations and people highlighted.

Article text is untrusted (scraped pages may contain ``<script>``, ``<img
onerror=…>`` or markdown links). The HTML is built here from escaped pieces:
every character of the article goes through ``html.escape`` and the only tags
are the ``<mark>`` elements this module writes. The result is shown with
``st.html`` (no markdown pass), so "[x](javascript:…)" stays literal text.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from dashboard.spans import keep_disjoint

#: category -> (background colour, border colour); also used for the legend.
COLOURS = {
    "date": ("#fde68a", "#d97706"),
    "document": ("#bfdbfe", "#2563eb"),
    "organisation": ("#bbf7d0", "#16a34a"),
    "person": ("#fbcfe8", "#db2777"),
}

_STYLE = (
    "white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.6;"
    "font-family:'Source Sans Pro',sans-serif;font-size:0.95rem;"
    "max-height:70vh;overflow-y:auto;padding:0.5rem 0.75rem;"
    "border:1px solid rgba(128,128,128,0.3);border-radius:0.5rem"
)


@dataclass(frozen=True)
class Span:
    """A highlighted range of the text: ``text[start:end]``."""

    start: int
    end: int
    category: str  # a key of COLOURS


def _non_overlapping(spans: list[Span], length: int) -> list[Span]:
    """Drop spans that are out of range or overlap an earlier, longer span.

    Longer spans win ("Nghị quyết số 08-NQ/TW ngày 26-1-2022" over the date
    inside it) because they carry more of the meaning.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= length and s.category in COLOURS]
    valid.sort(key=lambda s: (-(s.end - s.start), s.start))
    return sorted(keep_disjoint(valid, lambda s: (s.start, s.end)), key=lambda s: s.start)


def mark(category: str, text: str, title: str = "") -> str:
    """One ``<mark>`` with escaped content (used for the text and the legend)."""
    bg, border = COLOURS[category]
    tip = f' title="{html.escape(title, quote=True)}"' if title else ""
    return (
        f'<mark class="hl-{category}"{tip} style="background:{bg};'
        f'border-bottom:2px solid {border};padding:0 2px;border-radius:3px">'
        f"{html.escape(text)}</mark>"
    )


def highlight_html(text: str, spans: list[Span], labels: dict[str, str] | None = None) -> str:
    """The whole text as escaped HTML with ``spans`` wrapped in ``<mark>``.

    ``labels`` maps a category to its translated name, shown as a tooltip.
    """
    labels = labels or {}
    out: list[str] = []
    pos = 0
    for s in _non_overlapping(spans, len(text)):
        out.append(html.escape(text[pos:s.start]))
        out.append(mark(s.category, text[s.start:s.end], labels.get(s.category, s.category)))
        pos = s.end
    out.append(html.escape(text[pos:]))
    return f'<div class="article-text" style="{_STYLE}">' + "".join(out) + "</div>"


def legend_html(labels: dict[str, str]) -> str:
    """A one-line legend of the highlight colours, labels translated."""
    parts = [mark(cat, labels.get(cat, cat)) for cat in COLOURS]
    return '<div class="hl-legend" style="margin:0.25rem 0 0.5rem 0">' + " ".join(parts) + "</div>"
