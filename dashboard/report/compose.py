"""A self-contained HTML report of one filtered view.

The page holds: a title, the filter sentence (``Filter.sentence``, the same
words the app shows), generation time, the data snapshot id and event count, the
figures from ``charts.figures.build_figures`` at fixed sizes, and a table of the
events. plotly.js is inlined once in <head> (never a CDN), so the file opens
offline with interactive charts; the same HTML is what Chromium prints to PDF
and screenshots to PNG, so screen, image and print share one layout.

Everything that came from an article (titles, names, URLs, the user's query) is
HTML-escaped here; figure data goes through plotly's JSON encoder, which escapes
"<", ">" and "/" inside the <script>.
"""
from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from dashboard import i18n
from dashboard.charts.base import date_label  # the app's date style, so both read the same
from dashboard.charts.summary import summary_html, summary_note
from dashboard.report.shell import FIGURE_WIDTH, FONT_STACK, POST_SCRIPT, page

#: Figures in report order, and the height used when the builder sets none.
FIGURE_ORDER = ("timeline", "per_year", "heatmap", "documents", "network")
DEFAULT_HEIGHT = 480
EMPTY_HEIGHT = 200
PLOTLY_CONFIG = {"displaylogo": False, "responsive": False, "displayModeBar": "hover"}
# Column widths (%) of the events table: date, kind, title, organisations, documents, source.
COLUMN_WIDTHS = (10, 10, 32, 16, 14, 18)
#: The evidence sentence under each title is cut here (at a word): the row stays readable and the
#: article (Source column) holds the rest.
EVIDENCE_CHARS = 320


@dataclass(frozen=True)
class ReportMeta:
    """What the header says besides the filter: when, which data, how many events."""

    generated: str
    snapshot: str
    shown: int
    total: int


def cell_text(value: object) -> str | None:
    """A text cell of a DataFrame, or None for the NULLs pandas turns into NaN / NA / NaT."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    return str(value)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included); None and NaN become ''."""
    text = cell_text(value)
    return "" if text is None else html.escape(text, quote=True)


def _link(url: object) -> str:
    """A link only for http(s) URLs; anything else (javascript:, data:) is shown as text."""
    text = esc(url)
    if not text:
        return ""
    scheme = urlsplit(str(url)).scheme.lower()
    if scheme in ("http", "https"):
        return f'<a href="{text}">{text}</a>'
    return f'<span class="url">{text}</span>'


def org_names(row: Mapping, lang: str) -> list[str]:
    """An event row's organisations in ``lang`` (English from the store, else the known names)."""
    names = list(row.get("organisations") or [])
    names_en = list(row.get("organisations_en") or [])
    if len(names_en) != len(names):
        names_en = [None] * len(names)
    return [i18n.org_label(n, e if e != n else None, lang) for n, e in zip(map(cell_text, names), map(cell_text, names_en))
            if n]


def texts(value) -> list[str]:
    """The non-empty texts of a list cell (people, other reports); [] for a missing one."""
    return [t for t in map(cell_text, list(value) if value is not None else []) if t]


def event_date(row: Mapping, lang: str) -> str:
    """An event row's date as the app writes it ("Sáng 22/11/2023", "2022–2023")."""
    return date_label(cell_text(row.get("date")), cell_text(row.get("date_end")),
                      cell_text(row.get("precision")) or "day", lang, cell_text(row.get("day_part")))


def _people(value) -> str:
    """Who took part, under the organisations (escaped), or ''."""
    names = texts(value)
    return f'<div class="people">{esc(", ".join(names))}</div>' if names else ""


def _other_reports(value, lang: str, shown: int = 3) -> str:
    """The other articles that reported the event ("và 2 bài khác: ..."), or ''."""
    titles = texts(value)
    if not titles:
        return ""
    more = "; …" if len(titles) > shown else ""
    return (f'<div class="people">{esc(i18n.t("other_reports", lang, n=len(titles)))}: '
            f'{esc("; ".join(titles[:shown]))}{more}</div>')


def _evidence(value) -> str:
    """The sentence the event was read from, quoted under its title (escaped), or ''."""
    text = " ".join(str(cell_text(value) or "").split())
    if not text:
        return ""  # an inferred event has no sentence of its own
    if len(text) > EVIDENCE_CHARS:
        cut = text.rfind(" ", 0, EVIDENCE_CHARS)
        text = text[:cut if cut > EVIDENCE_CHARS // 2 else EVIDENCE_CHARS].rstrip(" ,;:") + "…"
    return f'<div class="evidence">“{esc(text)}”</div>'


def events_table(events: pd.DataFrame, lang: str, total: int | None = None) -> str:
    """The events as an HTML table (every cell escaped), or the 'no events' line.

    ``total``: how many events match when ``events`` holds only the first of them.
    """
    if events is None or events.empty:
        return f'<p class="empty">{esc(i18n.t("empty", lang))}</p>'
    cut = ""
    if total is not None and total > len(events):
        cut = f'<p class="empty">{esc(i18n.count_label(len(events), total, lang))}</p>'
    heads = ("col_date", "col_kind", "col_title", "col_organisations", "col_documents", "col_source")
    cols = "".join(f'<col style="width:{w}%">' for w in COLUMN_WIDTHS)
    head = "".join(f"<th>{esc(i18n.t(k, lang))}</th>" for k in heads)
    rows = []
    for row in events.to_dict("records"):
        date = event_date(row, lang)
        # An article with no title or outlet is named by its file, so every row still names its source.
        source = esc(cell_text(row.get("article_title")) or cell_text(row.get("article_source"))
                     or os.path.basename(cell_text(row.get("article_path")) or ""))
        url = _link(row.get("article_url"))
        rows.append(
            "<tr>"
            f'<td class="date">{esc(date)}</td>'
            f"<td>{esc(i18n.kind_label(cell_text(row.get('kind')) or 'other', lang))}</td>"
            f"<td>{esc(row.get('title'))}{_evidence(row.get('evidence'))}</td>"
            f"<td>{'<br>'.join(esc(n) for n in org_names(row, lang))}{_people(row.get('people'))}</td>"
            f"<td>{'<br>'.join(esc(d) for d in row.get('documents') or [])}</td>"
            f'<td class="source">{source}{"<br>" + url if url and source else url}'
            f'{_other_reports(row.get("other_reports"), lang)}</td>'
            "</tr>"
        )
    return (f'{cut}<table class="events"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def summary_section(rows, lang: str, narrowed: bool = False) -> str:
    """The organisation x year table under its title and a line saying what it counts.

    ``narrowed``: the report's filter names its organisations (else the table may stop at the busiest).
    """
    return (f'<section class="summary" id="section-summary"><h2>{esc(i18n.t("summary_title", lang))}</h2>'
            f'<p class="note">{esc(summary_note(rows, narrowed, lang))}</p>{summary_html(rows, lang)}</section>')


def figure_html(name: str, fig) -> str:
    """One figure as a fixed-size div; the caller's figure is not modified."""
    import plotly.graph_objects as go

    fig = go.Figure(fig)
    # A figure with no traces only carries its "no events" note: no need for a half page.
    height = (fig.layout.height or DEFAULT_HEIGHT) if len(fig.data) else EMPTY_HEIGHT
    fig.update_layout(width=FIGURE_WIDTH, height=height, autosize=False)
    if not fig.layout.font.family:  # the chart builders set one; a bare figure gets ours
        fig.update_layout(font_family=FONT_STACK)
    div = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"fig-{name}",
                      config=PLOTLY_CONFIG, post_script=POST_SCRIPT)
    return (f'<section class="figure" id="section-{esc(name)}" '
            f'style="height:{int(height)}px">{div}</section>')


def compose(figures: Mapping[str, object], events: pd.DataFrame | None, sentence: str,
            meta: ReportMeta, lang: str = "vi", *, include_table: bool = True, summary=None,
            narrowed: bool = False) -> str:
    """The whole report page. ``include_table=False`` gives the PNG's page: header, charts and summary.

    ``summary``: rows of ``query.summary.org_year_summary`` (what each organisation issued,
    reviewed and signed per year), placed after the organisation x year heatmap as in the app;
    ``narrowed``: the filter names its organisations.
    """
    lang = i18n.norm_lang(lang)
    names = [n for n in FIGURE_ORDER if n in figures] + [n for n in figures if n not in FIGURE_ORDER]
    # A chart with nothing to draw only repeats "no events"; the timeline stays as the
    # one place that says so (and it may still show documents and programme periods).
    names = [n for n in names if n == names[0] or len(figures[n].data)]
    title = i18n.t("report_title", lang)
    head = (
        f'<header class="report-head"><h1>{esc(title)}</h1>'
        f'<p class="filter">{esc(sentence)}</p><p class="meta">'
        f"<span>{esc(i18n.count_label(meta.shown, meta.total, lang))}</span>"
        f"<span>{esc(i18n.t('report_generated', lang, time=meta.generated))}</span>"
        f"<span>{esc(i18n.t('report_snapshot', lang, snapshot=meta.snapshot))}</span>"
        "</p></header>"
    )
    body = [head]
    for n in names:
        body.append(figure_html(n, figures[n]))
        if n == "heatmap" and summary:
            body.append(summary_section(summary, lang, narrowed))
    if summary and "heatmap" not in names:
        body.append(summary_section(summary, lang, narrowed))
    if include_table:
        # The table starts a new page; a "no events" line does not deserve one.
        paged = " paged" if events is not None and not events.empty else ""
        body.append(f'<section class="events{paged}"><h2>{esc(i18n.t("report_events_table", lang))}</h2>'
                    f"{events_table(events, lang, meta.shown)}</section>")
    return page(title=f"{title}: {sentence}", body="\n".join(body), n_figures=len(names), lang=lang)
